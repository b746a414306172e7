# The words the default theme and trellis itself add to pages, in Russian
# (русский), translated from `messages/en/theme.ftl`, which has the same
# message ids; a message missing here is taken from English (and
# `trellis check` warns, W011).
#
# Register: "вы" (lower case), as health and counselling services use it.
# Terms: worksheet = рабочий лист, workbook = рабочая тетрадь, passphrase =
# кодовая фраза, lock = блокировка. Quotes: « ».
# Plural categories (CLDR): one (1, 21, 31…), few (2–4, 22–24…), many (0,
# 5–20, 25–30…), *other (fractions).
#
# A guide can change any message: put a file such as `messages/ru.ftl` in
# the guide's folder with the messages to change, or set them under
# `[messages]` in guide.toml.
# Fluent syntax: https://projectfluent.org/fluent/guide/

## How the language is written. `trellis-numbers` picks the digits numbers
## are shown in (latn, arab, arabext, beng, deva, thai); `trellis-dir` may
## force `ltr` or `rtl` (by default it follows the language).

trellis-numbers = latn
# The language's name in itself, for the language switcher.
language-name = Русский

## The page frame (base.html).

skip-to-content = Перейти к основному содержанию
# The quick-exit button. For screen readers the hint follows it, after a
# space, as one sentence: "Покинуть этот сайт быстро (или …)".
quick-exit = Покинуть этот сайт
quick-exit-hint = быстро (или нажмите Shift три раза)
safety-link = Безопасность и помощь
nav-label = Руководство
nav-steps = Шаги
nav-the-steps = Шаги
nav-before-you-begin = Прежде чем начать
nav-start-here = Начните отсюда
nav-worksheets = Рабочие листы
nav-all-worksheets = Все рабочие листы
nav-print-workbook = Распечатать рабочую тетрадь
nav-more = Ещё
nav-languages = Языки
breadcrumb-label = Навигационная цепочка
footer-by = автор: { $author }
# `link` is footer-safety-link as a link.
footer-safety = Дома вам небезопасно? Сначала { $link }.
footer-safety-link = прочитайте о безопасности и о том, где найти помощь
footer-made-with = Сделано с помощью trellis

## Steps.

# "Шаг 2 из 7", over the progress bar and in the navigation.
step-of = Шаг { $number } из { $total }
# Before a step's title where the number is not shown otherwise.
step-number = Шаг { $number }:
step-with-title = Шаг { $number }: { $title }
step-kicker = Шаг { $number }
# "мин" (abbreviated) does not change with the number.
reading-time = { $minutes ->
    [one] Чтение: около { $minutes } мин
    [few] Чтение: около { $minutes } мин
    [many] Чтение: около { $minutes } мин
   *[other] Чтение: около { $minutes } мин
}
reading-time-short = { $minutes ->
    [one] Около { $minutes } мин
    [few] Около { $minutes } мин
    [many] Около { $minutes } мин
   *[other] Около { $minutes } мин
}
worksheet-label = Рабочий лист:
step-worksheet-kicker = Рабочий лист этого шага
step-worksheet-note = Заполните его вместе на экране или распечатайте и заполните от руки. Ваши ответы остаются на этом устройстве.
step-worksheet-open = Открыть рабочий лист
pager-label = Предыдущий и следующий шаг
pager-prev = Предыдущий шаг
pager-next = Следующий шаг
pager-last = Это был последний шаг
pager-back-to-start = Вернуться к началу
go-to-step-one = Перейти к шагу 1: { $title }
toc-heading = На этой странице

## The home page.

home-start = Начать с шага 1
home-print-workbook = Распечатать рабочую тетрадь
home-safety-heading = Ваша безопасность — прежде всего
# `link` is home-safety-link (the safety page's title) as a link.
home-safety-text = Если вы боитесь своего партнёра или вам небезопасно дома, прежде всего прочитайте раздел «{ $link }».
home-safety-link = Безопасность и помощь
home-steps-heading = { $count ->
    [one] { $count } шаг
    [few] { $count } шага
    [many] { $count } шагов
   *[other] { $count } шага
}
home-worksheets-heading = Рабочие листы
home-worksheets-text = К каждому шагу есть рабочий лист, который можно заполнить вместе — на экране или на бумаге. Ваши ответы хранятся только в этом браузере, на этом устройстве.
home-worksheets-link = Все рабочие листы.

## Section pages.

# The titles of `content/steps/` and `content/worksheets/` when they have
# no `_index.md` of their own.
section-steps = Шаги
section-worksheets = Рабочие листы
section-more = Ещё в этом разделе
section-print-workbook = Распечатать рабочую тетрадь
section-workbook-note = Все рабочие листы вместе, готовые к печати.

## Worksheet pages.

worksheet-kicker = Рабочий лист
# Followed by the steps that use the worksheet ("Шаг 6: …").
used-in = Используется:
print-workbook-link = Распечатать рабочую тетрадь
print-workbook-note = (все рабочие листы вместе)
pdf-download = Скачать PDF:
pdf-a4 = A4
pdf-letter = Letter
private-heading = Этот рабочий лист — только для вас
private-text = Любой, кто тоже пользуется этим устройством, может открыть эту страницу и прочитать то, что вы пишете. Заблокируйте ответы кодовой фразой, пишите на бумаге или пользуйтесь устройством, которое есть только у вас.
private-set-lock = Включить блокировку
private-leaving = Как быстро покинуть сайт

## The answers bar on a worksheet page.

answers-label = Ваши ответы
answers-note = Ваши ответы хранятся только в этом браузере, на этом устройстве. Ничего никуда не отправляется.
answers-print = Распечатать этот рабочий лист
answers-export = Экспортировать ответы
answers-import = Импортировать ответы
answers-import-partner = Добавить ответы партнёра
answers-lock-now = Заблокировать сейчас
answers-clear = Удалить ответы с этого устройства
# A button after js-unexported ("You have changed answers since …").
answers-export-now = Экспортировать их сейчас
answers-manage = Что хранится, блокировка кодовой фразой и полное удаление
answers-noscript = Когда JavaScript отключён, ответы, введённые здесь, не сохраняются, но эту страницу можно заполнить и распечатать.

## Unlocking answers.

unlock-title = Ваши ответы заблокированы.
unlock-text = Введите кодовую фразу, чтобы увидеть и изменить их.
unlock-passphrase = Кодовая фраза
unlock-button = Разблокировать

## The answers panel on the workbook page.

panel-heading = Ваши ответы на этом устройстве
panel-intro = Всё, что введено в рабочие листы, хранится только в этом браузере, на этом устройстве. Ничего никуда не отправляется. Сейчас здесь хранится:
panel-print = Распечатать рабочую тетрадь
panel-export = Экспортировать все ответы
panel-import = Импортировать ответы
panel-help = Экспорт — это один файл с ответами из всех рабочих листов и шагами, которые вы отметили как пройденные. Храните его в надёжном личном месте или перенесите на другое устройство и импортируйте там. При импорте сначала показывается, что содержится в файле; можно добавить это к тому, что уже есть здесь, или заменить всё.
lock-heading = Блокировка кодовой фразой
# `minutes` is how long the lock waits (5): "после 5 минут". The quoted
# button is lock-now.
lock-intro = Если телефоном или компьютером пользуется кто-то ещё, вы можете заблокировать свои ответы. Тогда они хранятся в зашифрованном виде: любой, кто откроет этот сайт на этом устройстве, ничего не увидит, пока не будет введена кодовая фраза. Блокировка снова включается после { $minutes ->
        [one] { $minutes } минуты
        [few] { $minutes } минут
        [many] { $minutes } минут
       *[other] { $minutes } минуты
    } бездействия, когда вы нажимаете «Заблокировать сейчас» и когда закрываете вкладку. Экспортированные файлы шифруются той же кодовой фразой.
# `emphasis` is lock-no-recovery-emphasis, shown in bold.
lock-no-recovery = { $emphasis } — даже тем, кто создал этот сайт: они её никогда не видят.
lock-no-recovery-emphasis = Восстановить ответы без кодовой фразы невозможно
# `link` is lock-limits-link (a section of the safety page) as a link.
lock-limits = Блокировка не защищает от человека, который смотрит, пока ваши ответы открыты, от приложения для слежки на устройстве, от того, кто знает или угадает вашу кодовую фразу, и от распечатанных копий, а также не скрывает, что вы заходили на этот сайт (об истории браузера см. раздел «{ $link }»).
lock-limits-link = Как быстро покинуть сайт
lock-passphrase = Кодовая фраза
lock-passphrase-again = Та же кодовая фраза ещё раз
lock-button = Заблокировать мои ответы
lock-on = Ваши ответы заблокированы кодовой фразой.
lock-now = Заблокировать сейчас
lock-off = Снять блокировку
clear-heading = Удалить всё
clear-text = Здесь можно удалить из этого браузера все ответы, отметки о пройденных шагах и блокировку. Это нельзя отменить: сначала экспортируйте или распечатайте всё, что хотите сохранить.
clear-button = Удалить всё на этом устройстве

## The workbook.

workbook-title = Рабочая тетрадь
workbook-note = { $count ->
    [one] { $count } рабочий лист руководства. Распечатайте тетрадь и заполните её вместе от руки или сначала введите ответы здесь: всё, что вы ввели на этом устройстве, будет напечатано вместо пустых строк.
    [few] Все { $count } рабочих листа руководства, по порядку шагов. Распечатайте тетрадь и заполните её вместе от руки или сначала введите ответы здесь: всё, что вы ввели на этом устройстве, будет напечатано вместо пустых строк.
    [many] Все { $count } рабочих листов руководства, по порядку шагов. Распечатайте тетрадь и заполните её вместе от руки или сначала введите ответы здесь: всё, что вы ввели на этом устройстве, будет напечатано вместо пустых строк.
   *[other] Все { $count } рабочего листа руководства, по порядку шагов. Распечатайте тетрадь и заполните её вместе от руки или сначала введите ответы здесь: всё, что вы ввели на этом устройстве, будет напечатано вместо пустых строк.
}
workbook-contents = Содержание
workbook-open-sheet = Открыть этот рабочий лист на отдельной странице

## The page for unknown addresses (404).

not-found-title = Страница не найдена
not-found-heading = Мы не нашли эту страницу
not-found-lead = Возможно, ссылка устарела или в адресе есть опечатка.
not-found-home = Перейти на главную страницу «{ $title }»
not-found-steps = Шаги
not-found-other = Другие страницы
not-found-workbook = Рабочая тетрадь для печати

## Worksheet blocks, in the page itself (and in print).

# The two columns of a `partners` block and the signers of a `signature`
# block, unless guide.toml sets `partner_labels`.
partner-a = Партнёр А
partner-b = Партнёр Б
ws-signatures = Подписи
ws-signature-name = Имя
ws-signature-date = Дата
ws-signature-line = Подпись
ws-sign-on-paper = подпись на бумаге
# How a scale describes its ends to screen readers: "1 означает Совсем нет".
ws-scale-means = { $number } означает { $label }
ws-scale-separator = {"; "}

## Progress through the steps.

progress-mark = Этот шаг пройден
progress-reset = Сбросить мой прогресс

## Search.

search-open = Поиск
search-label = Поиск по руководству
search-close = Закрыть

## Worksheet cards and the end of a worksheet page.

worksheet-prompts = { $count ->
    [one] { $count } пункт для заполнения
    [few] { $count } пункта для заполнения
    [many] { $count } пунктов для заполнения
   *[other] { $count } пункта для заполнения
}
worksheet-back = Вернуться к шагу
worksheet-onward = Вернуться к шагу и двигаться дальше
