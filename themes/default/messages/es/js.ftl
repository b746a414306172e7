# The words the worksheet script (static/js/worksheet.js) shows, in Spanish
# (español), translated from `messages/en/js.ftl`: status lines, notes,
# dialogs and questions it asks while answers are filled in, kept,
# exported, imported, locked and cleared.
#
# Every page carries these to the script as JSON, so they must stay simple:
# plain text with { $variables }, or a message that is one choice by a
# number and nothing else:
#
#   js-example = { $count ->
#       [one] Una frase, entera, con { $count } dentro.
#      *[other] La misma frase para { $count }, entera otra vez.
#   }
#
# Spanish plural categories (CLDR): one, many, *other; "many" only matters
# for millions and is left out. No terms, attributes, functions or choices
# inside choices. A sentence with a count in it is written out whole in
# every variant. Numbers are shown in the page's digits (`trellis-numbers`)
# and dates in its language.

## The status line under a worksheet's buttons (and under the workbook's
## "Your answers" panel).

js-saved = Guardado en este dispositivo
js-restored = Se han rellenado tus respuestas guardadas en este dispositivo.
js-no-storage = Tus respuestas no se pueden guardar en este navegador (navegación privada o almacenamiento bloqueado). Aun así, puedes rellenar esta página e imprimirla.
js-quota = No se pudieron guardar tus respuestas: el almacenamiento de este navegador está lleno. Expórtalas o imprímelas para no perder nada.
js-updated = Respuestas actualizadas desde otra pestaña.

## Notes under the answers buttons: whether the browser keeps the answers,
## and whether they changed since the last export (an "Export them now"
## button follows that one).

js-kept = Este navegador ha aceptado conservar tus respuestas.
js-may-delete = Este navegador puede borrar las respuestas que guarda de un sitio que no has visitado en un tiempo (Safari lo hace a los 7 días). Por seguridad, exporta una copia.
js-unexported = Has cambiado respuestas desde la última vez que las exportaste.

## Exporting answers (status line). `file` is the name of the file saved,
## such as answers-2025-03-14.json.

js-exported = Tus respuestas se exportaron a { $file }.
js-exported-locked = Tus respuestas se exportaron, cifradas con tu frase de contraseña, a { $file }.
js-export-failed = No se pudieron exportar las respuestas en este navegador. Imprímelas en su lugar.

## Importing answers: what went wrong with the file (status line).

js-import-error-big = Ese archivo es demasiado grande para ser un archivo de respuestas de trellis. No se ha cambiado nada.
js-import-error-json = Ese archivo está dañado: no es un archivo de respuestas de trellis completo. No se ha cambiado nada.
js-import-error-foreign = Ese archivo no es un archivo de respuestas de trellis. No se ha cambiado nada.
js-import-error-newer = Ese archivo viene de una versión de trellis más nueva que la que usa este sitio. No se ha cambiado nada.
js-import-error-damaged = Ese archivo está dañado: le faltan partes o tiene partes erróneas. No se ha cambiado nada.
js-import-error-passphrase = Esa frase de contraseña no abre el archivo. No se ha cambiado nada.
js-import-error-read = No se pudo leer ese archivo. No se ha cambiado nada.

## Importing answers: how it ended (status line).

js-import-nothing = Ese archivo no contiene respuestas. No se ha cambiado nada.
js-import-cancelled = Importación cancelada. No se ha cambiado nada.
js-import-failed = No se pudieron guardar las respuestas (puede que el almacenamiento de este navegador esté lleno). No se ha cambiado nada.
# `count` answers in `worksheets`, which is js-imported-worksheets.
js-imported = { $count ->
    [one] Se importó { $count } respuesta en { $worksheets }.
   *[other] Se importaron { $count } respuestas en { $worksheets }.
}
# Put into js-imported as `worksheets`: write it as that sentence needs it
# ("… en 3 hojas de trabajo").
js-imported-worksheets = { $count ->
    [one] { $count } hoja de trabajo
   *[other] { $count } hojas de trabajo
}

## The import dialog: what the file holds, worksheet by worksheet, and the
## choice of what to do with it.

js-import-title = Importar respuestas
# `date` is the day the file was exported, such as "14 de marzo de 2025".
js-import-intro-dated = Este archivo se exportó el { $date }. Contiene:
js-import-intro = Este archivo contiene:
# One line per worksheet in the file: its title, how many answers it has
# there, and how that compares with this device's answers to it.
js-relation-new = { $count ->
    [one] { $title }: { $count } respuesta, todavía no está en este dispositivo
   *[other] { $title }: { $count } respuestas, todavía no están en este dispositivo
}
js-relation-newer = { $count ->
    [one] { $title }: { $count } respuesta, más reciente que en este dispositivo
   *[other] { $title }: { $count } respuestas, más recientes que en este dispositivo
}
js-relation-older = { $count ->
    [one] { $title }: { $count } respuesta, más antigua que en este dispositivo
   *[other] { $title }: { $count } respuestas, más antiguas que en este dispositivo
}
js-relation-same = { $count ->
    [one] { $title }: { $count } respuesta, de la misma fecha que en este dispositivo
   *[other] { $title }: { $count } respuestas, de la misma fecha que en este dispositivo
}
js-import-merge = Añadir a lo que hay aquí (conservar lo más reciente de cada hoja de trabajo)
js-import-replace = Reemplazar todo lo que hay en este dispositivo
js-cancel = Cancelar

## The dialog asking for the passphrase of a locked file being imported.

js-passphrase-title = Este archivo está bloqueado
js-passphrase-intro = Se exportó con una frase de contraseña. Escríbela para abrir el archivo.
js-passphrase-label = Frase de contraseña
js-passphrase-open = Abrir

## The passphrase lock: under the unlock and lock forms, and in the status
## line.

js-working = Procesando…
js-unlock-first = Primero desbloquea tus respuestas: después se podrán exportar, importar o cambiar.
js-wrong-passphrase = Esa frase de contraseña no abre estas respuestas. Inténtalo de nuevo.
js-unlocked = Desbloqueado. Se han rellenado tus respuestas.
js-locked-now = Bloqueado. Tus respuestas quedan ocultas hasta que se escriba la frase de contraseña.
js-lock-on = Tus respuestas ya están bloqueadas con tu frase de contraseña. Recuérdala: sin ella nadie puede abrirlas, ni siquiera tú.
js-lock-off = El bloqueo está desactivado: las respuestas de este dispositivo vuelven a guardarse sin cifrar.
js-lock-mismatch = Las dos frases de contraseña no coinciden.
# `min` is the shortest passphrase allowed (8).
js-lock-short = { $min ->
    [one] Usa una frase de contraseña de al menos { $min } carácter.
   *[other] Usa una frase de contraseña de al menos { $min } caracteres.
}
js-lock-no-crypto = Este navegador no puede cifrar, así que el bloqueo no está disponible aquí.

## A partner's answers brought in from their exported file. `column` is
## the label over the partner column, such as "Persona B". The question is
## asked in the browser's own confirmation box.

js-partner-none = Ese archivo no tiene respuestas de tu pareja para esta hoja de trabajo. No se ha cambiado nada.
js-partner-confirm = { $count ->
    [one] ¿Poner { $count } respuesta de tu pareja en la columna «{ $column }»? Se reemplazará lo que hay ahora en esa columna.
   *[other] ¿Poner las { $count } respuestas de tu pareja en la columna «{ $column }»? Se reemplazará lo que hay ahora en esa columna.
}
js-partner-done = { $count ->
    [one] { $count } respuesta de tu pareja está en la columna «{ $column }».
   *[other] Las { $count } respuestas de tu pareja están en la columna «{ $column }».
}

## Clearing answers. The questions are asked in the browser's own
## confirmation box; the rest goes to the status line.

js-confirm-clear = ¿Borrar todas las respuestas de esta hoja de trabajo en este dispositivo? No se puede deshacer. Si quieres conservarlas, expórtalas o imprímelas antes.
js-cleared = Respuestas borradas de este dispositivo.
js-clear-cancelled = No se ha borrado nada.
js-confirm-clear-all = ¿Borrar todo lo que trellis guarda en este dispositivo: todas las respuestas, tu progreso y el bloqueo? No se puede deshacer.
js-cleared-all = Se ha borrado todo lo que trellis guardaba en este dispositivo.

## The workbook's "Your answers" panel: what is kept on this device.

js-stored-none = No hay respuestas guardadas en este dispositivo.
js-stored-locked = { $count ->
    [one] { $count } hoja de trabajo tiene respuestas bloqueadas en este dispositivo.
   *[other] { $count } hojas de trabajo tienen respuestas bloqueadas en este dispositivo.
}
# One line per worksheet: its title and how many answers it has here.
js-stored-row = { $count ->
    [one] { $title }: { $count } respuesta
   *[other] { $title }: { $count } respuestas
}
# The same, with the day they were last saved, such as "14 de marzo de 2025".
js-stored-row-saved = { $count ->
    [one] { $title }: { $count } respuesta, guardada el { $date }
   *[other] { $title }: { $count } respuestas, guardadas el { $date }
}

## Progress through the steps (progress.js).

js-progress-done = hecho
js-progress-continue = Continuar con el paso { $number }: { $title }
js-progress-marked = Marcado como hecho en este dispositivo.
js-progress-unmarked = Ya no está marcado como hecho.
js-progress-confirm-reset = ¿Olvidar qué pasos marcaste como hechos en este dispositivo? Tus respuestas se conservan.
js-progress-reset-done = Se ha borrado tu progreso.

## Search (search.js).

js-search-results = { $count ->
    [one] { $count } resultado. Usa las flechas para elegir y Intro para abrir.
   *[other] { $count } resultados. Usa las flechas para elegir y Intro para abrir.
}
js-search-none = No se encontró nada para «{ $query }».
js-search-loading = Cargando la búsqueda…
js-search-failed = No se pudo cargar la búsqueda.
