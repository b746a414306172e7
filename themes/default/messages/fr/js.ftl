# The words the worksheet script (static/js/worksheet.js) shows, in French
# (français), translated from `messages/en/js.ftl`: status lines, notes,
# dialogs and questions it asks while answers are filled in, kept,
# exported, imported, locked and cleared.
#
# Every page carries these to the script as JSON, so they must stay simple:
# plain text with { $variables }, or a message that is one choice by a
# number and nothing else:
#
#   js-example = { $count ->
#       [one] Une phrase, entière, avec { $count } dedans.
#      *[other] La même phrase pour { $count }, entière à nouveau.
#   }
#
# French plural categories (CLDR): one (0 and 1), many, *other; "many" only
# matters for millions and is left out. No terms, attributes, functions or
# choices inside choices. A sentence with a count in it is written out
# whole in every variant. Numbers are shown in the page's digits
# (`trellis-numbers`) and dates in its language.

## The status line under a worksheet's buttons (and under the workbook's
## "Your answers" panel).

js-saved = Enregistré sur cet appareil
js-restored = Vos réponses enregistrées sur cet appareil ont été remises en place.
js-no-storage = Vos réponses ne peuvent pas être enregistrées dans ce navigateur (navigation privée ou stockage bloqué). Vous pouvez quand même remplir cette page et l’imprimer.
js-quota = Vos réponses n’ont pas pu être enregistrées : l’espace de stockage de ce navigateur est plein. Exportez-les ou imprimez-les pour ne rien perdre.
js-updated = Réponses mises à jour depuis un autre onglet.

## Notes under the answers buttons: whether the browser keeps the answers,
## and whether they changed since the last export (an "Export them now"
## button follows that one).

js-kept = Ce navigateur a accepté de conserver vos réponses.
js-may-delete = Ce navigateur peut supprimer les réponses qu’il conserve pour un site que vous n’avez pas consulté depuis un certain temps (Safari le fait au bout de 7 jours). Par précaution, exportez-en une copie.
js-unexported = Vous avez modifié des réponses depuis votre dernier export.

## Exporting answers (status line). `file` is the name of the file saved,
## such as answers-2025-03-14.json.

js-exported = Vos réponses ont été exportées dans { $file }.
js-exported-locked = Vos réponses ont été exportées, chiffrées avec votre phrase secrète, dans { $file }.
js-export-failed = Les réponses n’ont pas pu être exportées dans ce navigateur. Imprimez-les plutôt.

## Importing answers: what went wrong with the file (status line).

js-import-error-big = Ce fichier est trop volumineux pour être un fichier de réponses trellis. Rien n’a été modifié.
js-import-error-json = Ce fichier est endommagé : ce n’est pas un fichier de réponses trellis complet. Rien n’a été modifié.
js-import-error-foreign = Ce fichier n’est pas un fichier de réponses trellis. Rien n’a été modifié.
js-import-error-newer = Ce fichier provient d’une version de trellis plus récente que celle qu’utilise ce site. Rien n’a été modifié.
js-import-error-damaged = Ce fichier est endommagé : certaines parties manquent ou sont incorrectes. Rien n’a été modifié.
js-import-error-passphrase = Cette phrase secrète n’ouvre pas le fichier. Rien n’a été modifié.
js-import-error-read = Ce fichier n’a pas pu être lu. Rien n’a été modifié.

## Importing answers: how it ended (status line).

js-import-nothing = Ce fichier ne contient aucune réponse. Rien n’a été modifié.
js-import-cancelled = Importation annulée. Rien n’a été modifié.
js-import-failed = Les réponses n’ont pas pu être enregistrées (l’espace de stockage de ce navigateur est peut-être plein). Rien n’a été modifié.
# `count` answers in `worksheets`, which is js-imported-worksheets.
js-imported = { $count ->
    [one] { $count } réponse importée dans { $worksheets }.
   *[other] { $count } réponses importées dans { $worksheets }.
}
# Put into js-imported as `worksheets`: write it as that sentence needs it
# ("… dans 3 fiches").
js-imported-worksheets = { $count ->
    [one] { $count } fiche
   *[other] { $count } fiches
}

## The import dialog: what the file holds, worksheet by worksheet, and the
## choice of what to do with it.

js-import-title = Importer des réponses
# `date` is the day the file was exported, such as "14 mars 2025".
js-import-intro-dated = Ce fichier a été exporté le { $date }. Il contient :
js-import-intro = Ce fichier contient :
# One line per worksheet in the file: its title, how many answers it has
# there, and how that compares with this device's answers to it.
js-relation-new = { $count ->
    [one] { $title } : { $count } réponse, pas encore sur cet appareil
   *[other] { $title } : { $count } réponses, pas encore sur cet appareil
}
js-relation-newer = { $count ->
    [one] { $title } : { $count } réponse, plus récente que sur cet appareil
   *[other] { $title } : { $count } réponses, plus récentes que sur cet appareil
}
js-relation-older = { $count ->
    [one] { $title } : { $count } réponse, plus ancienne que sur cet appareil
   *[other] { $title } : { $count } réponses, plus anciennes que sur cet appareil
}
js-relation-same = { $count ->
    [one] { $title } : { $count } réponse, aussi récente que sur cet appareil
   *[other] { $title } : { $count } réponses, aussi récentes que sur cet appareil
}
js-import-merge = Ajouter à ce qui est ici (garder la version la plus récente de chaque fiche)
js-import-replace = Tout remplacer sur cet appareil
js-cancel = Annuler

## The dialog asking for the passphrase of a locked file being imported.

js-passphrase-title = Ce fichier est verrouillé
js-passphrase-intro = Il a été exporté avec une phrase secrète. Saisissez-la pour ouvrir le fichier.
js-passphrase-label = Phrase secrète
js-passphrase-open = Ouvrir

## The passphrase lock: under the unlock and lock forms, and in the status
## line.

js-working = Traitement en cours…
js-unlock-first = Déverrouillez d’abord vos réponses : elles pourront ensuite être exportées, importées ou modifiées.
js-wrong-passphrase = Cette phrase secrète n’ouvre pas ces réponses. Réessayez.
js-unlocked = Déverrouillé. Vos réponses ont été remises en place.
js-locked-now = Verrouillé. Vos réponses sont masquées jusqu’à ce que la phrase secrète soit saisie.
js-lock-on = Vos réponses sont maintenant verrouillées par votre phrase secrète. Retenez-la : sans elle, personne ne peut les ouvrir, pas même vous.
js-lock-off = Le verrouillage est retiré : les réponses sur cet appareil sont de nouveau conservées sans chiffrement.
js-lock-mismatch = Les deux phrases secrètes ne sont pas identiques.
# `min` is the shortest passphrase allowed (8).
js-lock-short = { $min ->
    [one] Choisissez une phrase secrète d’au moins { $min } caractère.
   *[other] Choisissez une phrase secrète d’au moins { $min } caractères.
}
js-lock-no-crypto = Ce navigateur ne peut pas chiffrer : le verrouillage n’est donc pas disponible ici.

## A partner's answers brought in from their exported file. `column` is
## the label over the partner column, such as "Partenaire B". The question
## is asked in the browser's own confirmation box.

js-partner-none = Ce fichier ne contient pas de réponses de votre partenaire pour cette fiche. Rien n’a été modifié.
js-partner-confirm = { $count ->
    [one] Placer { $count } réponse de votre partenaire dans la colonne « { $column } » ? Ce que contient cette colonne maintenant sera remplacé.
   *[other] Placer les { $count } réponses de votre partenaire dans la colonne « { $column } » ? Ce que contient cette colonne maintenant sera remplacé.
}
js-partner-done = { $count ->
    [one] { $count } réponse de votre partenaire se trouve dans la colonne « { $column } ».
   *[other] Les { $count } réponses de votre partenaire se trouvent dans la colonne « { $column } ».
}

## Clearing answers. The questions are asked in the browser's own
## confirmation box; the rest goes to the status line.

js-confirm-clear = Effacer toutes les réponses à cette fiche sur cet appareil ? C’est irréversible. Exportez-les ou imprimez-les d’abord si vous voulez les garder.
js-cleared = Réponses effacées de cet appareil.
js-clear-cancelled = Rien n’a été effacé.
js-confirm-clear-all = Effacer tout ce que trellis conserve sur cet appareil : toutes les réponses, votre progression et le verrouillage ? C’est irréversible.
js-cleared-all = Tout ce que trellis conservait sur cet appareil a été effacé.

## The workbook's "Your answers" panel: what is kept on this device.

js-stored-none = Aucune réponse n’est enregistrée sur cet appareil.
js-stored-locked = { $count ->
    [one] { $count } fiche a des réponses verrouillées sur cet appareil.
   *[other] { $count } fiches ont des réponses verrouillées sur cet appareil.
}
# One line per worksheet: its title and how many answers it has here.
js-stored-row = { $count ->
    [one] { $title } : { $count } réponse
   *[other] { $title } : { $count } réponses
}
# The same, with the day they were last saved, such as "14 mars 2025".
js-stored-row-saved = { $count ->
    [one] { $title } : { $count } réponse, enregistrée le { $date }
   *[other] { $title } : { $count } réponses, enregistrées le { $date }
}

## Progress through the steps (progress.js).

js-progress-done = terminée
js-progress-continue = Continuer avec l’étape { $number } : { $title }
js-progress-marked = Marquée comme terminée sur cet appareil.
js-progress-unmarked = N’est plus marquée comme terminée.
js-progress-confirm-reset = Oublier les étapes marquées comme terminées sur cet appareil ? Vos réponses sont conservées.
js-progress-reset-done = Votre progression a été effacée.

## Search (search.js).

js-search-results = { $count ->
    [one] { $count } résultat. Choisissez avec les flèches, ouvrez avec Entrée.
   *[other] { $count } résultats. Choisissez avec les flèches, ouvrez avec Entrée.
}
js-search-none = Aucun résultat pour « { $query } ».
js-search-loading = Chargement de la recherche…
js-search-failed = La recherche n’a pas pu être chargée.
