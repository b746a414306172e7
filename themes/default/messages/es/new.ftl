# The starter guide `trellis new DIR --language es` writes, in Spanish
# (español), translated from `messages/en/new.ftl`, which has the same
# message ids: text for the author to replace. Worksheet block ids and file
# names stay as they are (they are not shown to readers).
#
# Register as in theme.ftl: "tú", and no sentence marks the reader as man
# or woman ("Te damos la bienvenida", not "Bienvenido"). worksheet = hoja
# de trabajo; "together" = "con tu pareja".
# `{ $link }` becomes a Markdown link whose text is the matching
# `*-link-text` message. Titles, summaries and the description go into
# TOML front matter: keep them free of no-break spaces and other invisible
# characters.
# Fluent syntax: https://projectfluent.org/fluent/guide/

new-guide-title = Mi guía
new-guide-description = Una guía paso a paso hecha con trellis.
new-home-summary = Para qué sirve esta guía, en una frase.
new-home-text = Te damos la bienvenida. Esta guía tiene dos pasos. Lee cada paso y después rellena su hoja de trabajo.
new-step-one-title = Empieza
new-step-one-summary = El primer paso.
new-step-one-heading = Qué hacer
new-step-one-text = Escribe aquí lo que este paso pide a quien lo lea.
new-step-one-link = Cuando quieras, abre { $link }.
new-step-one-link-text = la primera hoja de trabajo
new-step-two-title = Sigue adelante
new-step-two-summary = El segundo paso.
new-step-two-heading = Qué hacer después
new-step-two-text = Los pasos se ordenan según el número con el que empieza el nombre de su archivo.
new-step-two-link = Puedes volver al { $link } en cualquier momento.
new-step-two-link-text = paso 1
new-worksheet-title = Primera hoja de trabajo
new-worksheet-summary = Rellénala en la pantalla o imprímela.
new-worksheet-text = Las respuestas que escribas aquí se quedan en este navegador, en este dispositivo.
new-worksheet-date = Fecha
new-worksheet-thoughts = ¿Qué tienes en mente ahora que empiezas?
new-worksheet-low = Nada
new-worksheet-high = Totalmente
new-worksheet-ready = ¿Hasta qué punto te sientes con fuerzas para empezar?
new-worksheet-task-read = Leer el paso 1
new-worksheet-task-talk = Hablarlo con tu pareja
