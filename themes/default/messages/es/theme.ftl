# The words the default theme and trellis itself add to pages, in Spanish
# (español), translated from `messages/en/theme.ftl`, which has the same
# message ids; a message missing here is taken from English (and
# `trellis check` warns, W011).
#
# Register: informal but respectful "tú", as health and counselling services
# use it. The guide is for couples; "together" is written "con tu pareja" or
# "en pareja" so no sentence needs a gendered or a vosotros/ustedes form.
# Plural categories (CLDR): one, many, *other ("many" only matters for
# millions and is left out here).
#
# A guide can change any message: put a file such as `messages/es.ftl` in
# the guide's folder with the messages to change, or set them under
# `[messages]` in guide.toml.
# Fluent syntax: https://projectfluent.org/fluent/guide/

## How the language is written. `trellis-numbers` picks the digits numbers
## are shown in (latn, arab, arabext, beng, deva, thai); `trellis-dir` may
## force `ltr` or `rtl` (by default it follows the language).

trellis-numbers = latn
# The language's name in itself, for the language switcher.
language-name = Español

## The page frame (base.html).

skip-to-content = Saltar al contenido principal
# The quick-exit button. For screen readers the hint follows it, after a
# space, as one sentence: "Salir de este sitio rápidamente (o …)".
quick-exit = Salir de este sitio
quick-exit-hint = rápidamente (o pulsa Mayús tres veces)
safety-link = Seguridad y ayuda
nav-label = Guía
nav-steps = Pasos
nav-the-steps = Los pasos
nav-before-you-begin = Antes de empezar
nav-start-here = Empieza aquí
nav-worksheets = Hojas de trabajo
nav-all-worksheets = Todas las hojas de trabajo
nav-print-workbook = Imprimir el cuaderno de trabajo
nav-more = Más
nav-languages = Idiomas
breadcrumb-label = Ruta de navegación
footer-by = por { $author }
# `link` is footer-safety-link as a link.
footer-safety = ¿No estás a salvo en casa? Antes que nada, { $link }.
footer-safety-link = lee sobre seguridad y cómo pedir ayuda
footer-made-with = Hecho con trellis

## Steps.

# "Paso 2 de 7", over the progress bar and in the navigation.
step-of = Paso { $number } de { $total }
# Before a step's title where the number is not shown otherwise.
step-number = Paso { $number }:
step-with-title = Paso { $number }: { $title }
step-kicker = Paso { $number }
reading-time = { $minutes ->
    [one] Aprox. { $minutes } min de lectura
   *[other] Aprox. { $minutes } min de lectura
}
reading-time-short = { $minutes ->
    [one] Aprox. { $minutes } min
   *[other] Aprox. { $minutes } min
}
worksheet-label = Hoja de trabajo:
step-worksheet-kicker = La hoja de trabajo de este paso
step-worksheet-note = Rellénala con tu pareja en la pantalla, o imprímela y escribe a mano. Tus respuestas se quedan en este dispositivo.
step-worksheet-open = Abrir la hoja de trabajo
pager-label = Paso anterior y paso siguiente
pager-prev = Paso anterior
pager-next = Paso siguiente
pager-last = Ese fue el último paso
pager-back-to-start = Volver al inicio
go-to-step-one = Ir al paso 1: { $title }
toc-heading = En esta página

## The home page.

home-start = Empezar por el paso 1
home-print-workbook = Imprimir el cuaderno
home-safety-heading = Tu seguridad es lo primero
# `link` is home-safety-link (the safety page's title) as a link.
home-safety-text = Si tienes miedo de tu pareja, o no estás a salvo en casa, lee { $link } antes que nada.
home-safety-link = Seguridad y cómo pedir ayuda
home-steps-heading = { $count ->
    [one] El paso
   *[other] Los { $count } pasos
}
home-worksheets-heading = Hojas de trabajo
home-worksheets-text = Cada paso tiene una hoja de trabajo para rellenar en pareja, en la pantalla o en papel. Tus respuestas se guardan solo en este navegador, en este dispositivo.
home-worksheets-link = Ver todas las hojas de trabajo.

## Section pages.

# The titles of `content/steps/` and `content/worksheets/` when they have
# no `_index.md` of their own.
section-steps = Pasos
section-worksheets = Hojas de trabajo
section-more = Más en esta sección
section-print-workbook = Imprimir el cuaderno
section-workbook-note = Todas las hojas de trabajo juntas, listas para imprimir.

## Worksheet pages.

worksheet-kicker = Hoja de trabajo
used-in = Se usa en
print-workbook-link = Imprimir el cuaderno
print-workbook-note = (todas las hojas de trabajo juntas)
pdf-download = Descargar PDF:
pdf-a4 = A4
pdf-letter = Carta
private-heading = Esta hoja de trabajo es solo para ti
private-text = Cualquier otra persona que use este dispositivo podría abrir esta página y leer lo que escribes. Bloquea tus respuestas con una frase de contraseña, escribe en papel o usa un dispositivo que solo uses tú.
private-set-lock = Activar un bloqueo
private-leaving = Salir rápidamente

## The answers bar on a worksheet page.

answers-label = Tus respuestas
answers-note = Tus respuestas se guardan solo en este navegador, en este dispositivo. No se envía nada a ningún sitio.
answers-print = Imprimir esta hoja de trabajo
answers-export = Exportar respuestas
answers-import = Importar respuestas
answers-import-partner = Añadir las respuestas de tu pareja
answers-lock-now = Bloquear ahora
answers-clear = Borrar las respuestas de este dispositivo
# A button after js-unexported ("You have changed answers since …").
answers-export-now = Exportarlas ahora
answers-manage = Qué se guarda, el bloqueo con frase de contraseña y cómo borrarlo todo
answers-noscript = Con JavaScript desactivado, las respuestas que escribas aquí no se guardan, pero puedes rellenar esta página e imprimirla.

## Unlocking answers.

unlock-title = Tus respuestas están bloqueadas.
unlock-text = Escribe tu frase de contraseña para verlas y cambiarlas.
unlock-passphrase = Frase de contraseña
unlock-button = Desbloquear

## The answers panel on the workbook page.

panel-heading = Tus respuestas en este dispositivo
panel-intro = Todo lo que se escribe en las hojas de trabajo se guarda solo en este navegador, en este dispositivo. No se envía nada a ningún sitio. Guardado aquí ahora:
panel-print = Imprimir el cuaderno
panel-export = Exportar todas las respuestas
panel-import = Importar respuestas
panel-help = Una exportación es un solo archivo con las respuestas de todas las hojas de trabajo y los pasos que marcaste como hechos. Guárdalo en un lugar privado, o llévalo a otro dispositivo e impórtalo allí. Al importar, primero se muestra lo que contiene el archivo; puedes añadirlo a lo que hay aquí o reemplazarlo todo.
lock-heading = Un bloqueo con frase de contraseña
# `minutes` is how long the lock waits (5). The quoted button is lock-now.
lock-intro = En un teléfono o una computadora que también usa otra persona, puedes bloquear tus respuestas. Entonces se guardan cifradas: quien abra este sitio en este dispositivo no verá nada hasta que se escriba la frase de contraseña. El bloqueo se vuelve a cerrar tras { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } sin uso, cuando pulsas «Bloquear ahora» y cuando cierras la pestaña. Las exportaciones se cifran con la misma frase de contraseña.
# `emphasis` is lock-no-recovery-emphasis, shown in bold.
lock-no-recovery = { $emphasis }, ni siquiera para quienes hicieron este sitio: nunca la ven.
lock-no-recovery-emphasis = No hay forma de recuperar las respuestas sin la frase de contraseña
# `link` is lock-limits-link as a link.
lock-limits = El bloqueo no te protege de alguien que mire mientras tus respuestas están abiertas, de una aplicación de rastreo en el dispositivo, de alguien que conozca o adivine tu frase de contraseña ni de las copias impresas, y no oculta que visitaste este sitio (para el historial de tu navegador, consulta { $link }).
lock-limits-link = cómo salir rápidamente de este sitio
lock-passphrase = Frase de contraseña
lock-passphrase-again = La misma frase de contraseña otra vez
lock-button = Bloquear mis respuestas
lock-on = Tus respuestas están bloqueadas con una frase de contraseña.
lock-now = Bloquear ahora
lock-off = Quitar el bloqueo
clear-heading = Borrarlo todo
clear-text = Elimina de este navegador todas las respuestas, los pasos marcados como hechos y el bloqueo. No se puede deshacer: antes, exporta o imprime lo que quieras conservar.
clear-button = Borrar todo en este dispositivo

## The workbook.

workbook-title = Cuaderno de trabajo
workbook-note = { $count ->
    [one] La hoja de trabajo de la guía. Imprime el cuaderno y rellénalo a mano con tu pareja, o escribe primero aquí tus respuestas: lo que hayas escrito en este dispositivo se imprime en lugar de las líneas en blanco.
   *[other] Las { $count } hojas de trabajo de la guía, en el orden de los pasos. Imprime el cuaderno y rellénalo a mano con tu pareja, o escribe primero aquí tus respuestas: lo que hayas escrito en este dispositivo se imprime en lugar de las líneas en blanco.
}
workbook-contents = Contenido
workbook-open-sheet = Abrir esta hoja de trabajo en su propia página

## The page for unknown addresses (404).

not-found-title = Página no encontrada
not-found-heading = No encontramos esa página
not-found-lead = Puede que el enlace sea antiguo o que la dirección tenga un error.
not-found-home = Ir al inicio de { $title }
not-found-steps = Los pasos
not-found-other = Otras páginas
not-found-workbook = Cuaderno para imprimir

## Worksheet blocks, in the page itself (and in print).

# The two columns of a `partners` block and the signers of a `signature`
# block, unless guide.toml sets `partner_labels`.
partner-a = Persona A
partner-b = Persona B
ws-signatures = Firmas
ws-signature-name = Nombre
ws-signature-date = Fecha
ws-signature-line = Firma
ws-sign-on-paper = firma en papel
# How a scale describes its ends to screen readers: "1 significa Nada".
ws-scale-means = { $number } significa { $label }
ws-scale-separator = {"; "}

## Progress through the steps.

progress-mark = Ya hice este paso
progress-reset = Borrar mi progreso

## Search.

search-open = Buscar
search-label = Buscar en esta guía
search-close = Cerrar

## Worksheet cards and the end of a worksheet page.

worksheet-prompts = { $count ->
    [one] { $count } cosa para completar
   *[other] { $count } cosas para completar
}
worksheet-back = Volver al paso
worksheet-onward = Volver al paso y seguir
