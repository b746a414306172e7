# The words the default theme and trellis itself add to pages, in French
# (français), translated from `messages/en/theme.ftl`, which has the same
# message ids; a message missing here is taken from English (and
# `trellis check` warns, W011).
#
# Register: "vous", as health and counselling services use it; sentences
# avoid gendered adjectives about the reader (no "seul·e"). Typography:
# no-break space before ":" and inside « », narrow no-break space before
# ";", "?" and "!".
# Plural categories (CLDR): one (0 and 1), many, *other ("many" only matters
# for millions and is left out here).
#
# A guide can change any message: put a file such as `messages/fr.ftl` in
# the guide's folder with the messages to change, or set them under
# `[messages]` in guide.toml.
# Fluent syntax: https://projectfluent.org/fluent/guide/

## How the language is written. `trellis-numbers` picks the digits numbers
## are shown in (latn, arab, arabext, beng, deva, thai); `trellis-dir` may
## force `ltr` or `rtl` (by default it follows the language).

trellis-numbers = latn
# The language's name in itself, for the language switcher.
language-name = Français

## The page frame (base.html).

skip-to-content = Aller au contenu principal
# The quick-exit button. For screen readers the hint follows it, after a
# space, as one sentence: "Quitter ce site rapidement (ou …)".
quick-exit = Quitter ce site
quick-exit-hint = rapidement (ou appuyez trois fois sur Maj)
safety-link = Sécurité et aide
nav-label = Guide
nav-steps = Étapes
nav-the-steps = Les étapes
nav-before-you-begin = Avant de commencer
nav-start-here = Commencer ici
nav-worksheets = Fiches
nav-all-worksheets = Toutes les fiches
nav-print-workbook = Imprimer le cahier
nav-more = Plus
nav-languages = Langues
breadcrumb-label = Fil d’Ariane
footer-by = par { $author }
# `link` is footer-safety-link as a link.
footer-safety = Vous n’êtes pas en sécurité chez vous ? Commencez par { $link }.
footer-safety-link = vous informer sur la sécurité et sur les moyens d’obtenir de l’aide
footer-made-with = Réalisé avec trellis

## Steps.

# "Étape 2 sur 7", over the progress bar and in the navigation.
step-of = Étape { $number } sur { $total }
# Before a step's title where the number is not shown otherwise.
step-number = Étape { $number } :
step-with-title = Étape { $number } : { $title }
step-kicker = Étape { $number }
reading-time = { $minutes ->
    [one] Environ { $minutes } min de lecture
   *[other] Environ { $minutes } min de lecture
}
reading-time-short = { $minutes ->
    [one] Environ { $minutes } min
   *[other] Environ { $minutes } min
}
worksheet-label = Fiche :
step-worksheet-kicker = La fiche de cette étape
step-worksheet-note = Remplissez-la ensemble à l’écran, ou imprimez-la et écrivez à la main. Vos réponses restent sur cet appareil.
step-worksheet-open = Ouvrir la fiche
pager-label = Étape précédente et étape suivante
pager-prev = Étape précédente
pager-next = Étape suivante
pager-last = C’était la dernière étape
pager-back-to-start = Revenir au début
go-to-step-one = Aller à l’étape 1 : { $title }
toc-heading = Sur cette page

## The home page.

home-start = Commencer par l’étape 1
home-print-workbook = Imprimer le cahier
home-safety-heading = Votre sécurité passe avant tout
# `link` is home-safety-link (the safety page's title) as a link.
home-safety-text = Si vous avez peur de votre partenaire, ou si vous n’êtes pas en sécurité chez vous, lisez la page { $link } avant toute chose.
home-safety-link = Sécurité et aide
home-steps-heading = { $count ->
    [one] L’étape
   *[other] Les { $count } étapes
}
home-worksheets-heading = Fiches
home-worksheets-text = Chaque étape a une fiche à remplir ensemble, à l’écran ou sur papier. Vos réponses sont conservées uniquement dans ce navigateur, sur cet appareil.
home-worksheets-link = Voir toutes les fiches.

## Section pages.

# The titles of `content/steps/` and `content/worksheets/` when they have
# no `_index.md` of their own.
section-steps = Étapes
section-worksheets = Fiches
section-more = Autres pages de cette section
section-print-workbook = Imprimer le cahier
section-workbook-note = Toutes les fiches réunies, prêtes à imprimer.

## Worksheet pages.

worksheet-kicker = Fiche
used-in = Utilisée dans :
print-workbook-link = Imprimer le cahier
print-workbook-note = (toutes les fiches réunies)
pdf-download = Télécharger le PDF :
pdf-a4 = A4
pdf-letter = Lettre US
private-heading = Cette fiche n’est que pour vous
private-text = Toute autre personne qui utilise cet appareil pourrait ouvrir cette page et lire ce que vous écrivez. Verrouillez vos réponses avec une phrase secrète, écrivez sur papier, ou utilisez un appareil qui n’est qu’à vous.
private-set-lock = Activer le verrouillage
private-leaving = Quitter le site rapidement

## The answers bar on a worksheet page.

answers-label = Vos réponses
answers-note = Vos réponses sont conservées uniquement dans ce navigateur, sur cet appareil. Rien n’est envoyé nulle part.
answers-print = Imprimer cette fiche
answers-export = Exporter les réponses
answers-import = Importer des réponses
answers-import-partner = Ajouter les réponses de votre partenaire
answers-lock-now = Verrouiller maintenant
answers-clear = Effacer les réponses de cet appareil
# A button after js-unexported ("You have changed answers since …").
answers-export-now = Les exporter maintenant
answers-manage = Ce qui est conservé, le verrouillage par phrase secrète et l’effacement complet
answers-noscript = Quand JavaScript est désactivé, les réponses saisies ici ne sont pas enregistrées, mais vous pouvez remplir cette page et l’imprimer.

## Unlocking answers.

unlock-title = Vos réponses sont verrouillées.
unlock-text = Saisissez votre phrase secrète pour les voir et les modifier.
unlock-passphrase = Phrase secrète
unlock-button = Déverrouiller

## The answers panel on the workbook page.

panel-heading = Vos réponses sur cet appareil
panel-intro = Tout ce qui est saisi dans les fiches est conservé uniquement dans ce navigateur, sur cet appareil. Rien n’est envoyé nulle part. Actuellement conservé ici :
panel-print = Imprimer le cahier
panel-export = Exporter toutes les réponses
panel-import = Importer des réponses
panel-help = Un export est un fichier unique qui contient les réponses de toutes les fiches et les étapes que vous avez marquées comme faites. Gardez-le dans un endroit privé, ou transférez-le sur un autre appareil et importez-le là-bas. À l’importation, le contenu du fichier s’affiche d’abord ; vous pouvez l’ajouter à ce qui est ici ou tout remplacer.
lock-heading = Le verrouillage par phrase secrète
# `minutes` is how long the lock waits (5). The quoted button is lock-now.
lock-intro = Sur un téléphone ou un ordinateur qu’une autre personne utilise aussi, vous pouvez verrouiller vos réponses. Elles sont alors conservées chiffrées : toute personne qui ouvre ce site sur cet appareil ne voit rien tant que la phrase secrète n’a pas été saisie. Le verrou se referme après { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } sans utilisation, quand vous appuyez sur « Verrouiller maintenant » et quand vous fermez l’onglet. Les exports sont chiffrés avec la même phrase secrète.
# `emphasis` is lock-no-recovery-emphasis, shown in bold.
lock-no-recovery = { $emphasis }, pas même pour les personnes qui ont créé ce site : elles ne la voient jamais.
lock-no-recovery-emphasis = Il est impossible de récupérer les réponses sans la phrase secrète
# `link` is lock-limits-link (a section of the safety page) as a link.
lock-limits = Le verrou ne protège pas contre une personne qui regarde pendant que vos réponses sont ouvertes, une application de suivi sur l’appareil, une personne qui connaît ou devine votre phrase secrète, ni contre les copies imprimées, et il ne cache pas que vous avez consulté ce site (pour l’historique de votre navigateur, voir la section { $link }).
lock-limits-link = Quitter ce site rapidement
lock-passphrase = Phrase secrète
lock-passphrase-again = La même phrase secrète, à nouveau
lock-button = Verrouiller mes réponses
lock-on = Vos réponses sont verrouillées par une phrase secrète.
lock-now = Verrouiller maintenant
lock-off = Retirer le verrouillage
clear-heading = Tout effacer
clear-text = Supprimez de ce navigateur toutes les réponses, les étapes marquées comme faites et le verrouillage. C’est irréversible : exportez ou imprimez d’abord ce que vous voulez garder.
clear-button = Tout effacer sur cet appareil

## The workbook.

workbook-title = Cahier de travail
workbook-note = { $count ->
    [one] La fiche du guide. Imprimez le cahier et remplissez-le ensemble à la main, ou saisissez d’abord vos réponses ici : tout ce que vous avez saisi sur cet appareil est imprimé à la place des lignes vides.
   *[other] Les { $count } fiches du guide, dans l’ordre des étapes. Imprimez le cahier et remplissez-le ensemble à la main, ou saisissez d’abord vos réponses ici : tout ce que vous avez saisi sur cet appareil est imprimé à la place des lignes vides.
}
workbook-contents = Sommaire
workbook-open-sheet = Ouvrir cette fiche sur sa propre page

## The page for unknown addresses (404).

not-found-title = Page introuvable
not-found-heading = Nous n’avons pas trouvé cette page
not-found-lead = Le lien est peut-être ancien, ou l’adresse contient peut-être une faute de frappe.
not-found-home = Aller au début de { $title }
not-found-steps = Les étapes
not-found-other = Autres pages
not-found-workbook = Cahier à imprimer

## Worksheet blocks, in the page itself (and in print).

# The two columns of a `partners` block and the signers of a `signature`
# block, unless guide.toml sets `partner_labels`.
partner-a = Partenaire A
partner-b = Partenaire B
ws-signatures = Signatures
ws-signature-name = Nom
ws-signature-date = Date
ws-signature-line = Signature
ws-sign-on-paper = à signer sur papier
# How a scale describes its ends to screen readers: "1 signifie Pas du tout".
ws-scale-means = { $number } signifie { $label }
# A string literal keeps the spaces: narrow no-break space, ";", space.
ws-scale-separator = {" ; "}

## Progress through the steps.

progress-mark = J’ai terminé cette étape
progress-reset = Effacer ma progression

## Search.

search-open = Rechercher
search-label = Rechercher dans ce guide
search-close = Fermer

## Worksheet cards and the end of a worksheet page.

worksheet-prompts = { $count ->
    [one] { $count } élément à remplir
   *[other] { $count } éléments à remplir
}
worksheet-back = Revenir à l’étape
worksheet-onward = Revenir à l’étape et continuer
