# The starter guide `trellis new DIR --language fr` writes, in French
# (français), translated from `messages/en/new.ftl`, which has the same
# message ids: text for the author to replace. Worksheet block ids and file
# names stay as they are (they are not shown to readers).
#
# Register as in theme.ftl: "vous", and no sentence marks the reader as man
# or woman (no "prêt·e": "Le moment venu", "en état de"). worksheet =
# fiche. Typography: narrow no-break space before "?".
# `{ $link }` becomes a Markdown link whose text is the matching
# `*-link-text` message (which carries its article: "l’étape 1").
# Titles, summaries and the description go into TOML front matter: keep
# them free of no-break spaces (so no ":", "?" or « » in them).
# Fluent syntax: https://projectfluent.org/fluent/guide/

new-guide-title = Mon guide
new-guide-description = Un guide étape par étape réalisé avec trellis.
new-home-summary = À quoi sert ce guide, en une phrase.
new-home-text = Bienvenue. Ce guide comporte deux étapes. Lisez chaque étape, puis remplissez sa fiche.
new-step-one-title = Premiers pas
new-step-one-summary = La première étape.
new-step-one-heading = Ce qu’il faut faire
new-step-one-text = Écrivez ici ce que cette étape demande de faire.
new-step-one-link = Le moment venu, ouvrez { $link }.
new-step-one-link-text = la première fiche
new-step-two-title = Aller plus loin
new-step-two-summary = La deuxième étape.
new-step-two-heading = Et ensuite
new-step-two-text = Les étapes sont classées selon le numéro placé au début du nom de leur fichier.
new-step-two-link = Vous pouvez revenir à { $link } à tout moment.
new-step-two-link-text = l’étape 1
new-worksheet-title = Première fiche
new-worksheet-summary = Remplissez-la à l’écran ou imprimez-la.
new-worksheet-text = Les réponses saisies ici restent dans ce navigateur, sur cet appareil.
new-worksheet-date = Date
new-worksheet-thoughts = À quoi pensez-vous en ce début de parcours ?
new-worksheet-low = Pas du tout
new-worksheet-high = Complètement
new-worksheet-ready = Dans quelle mesure vous sentez-vous en état de commencer ?
new-worksheet-task-read = Lire l’étape 1
new-worksheet-task-talk = En parler ensemble
