# The words the worksheet script (static/js/worksheet.js) shows, in Russian
# (русский), translated from `messages/en/js.ftl`: status lines, notes,
# dialogs and questions it asks while answers are filled in, kept,
# exported, imported, locked and cleared.
#
# Every page carries these to the script as JSON, so they must stay simple:
# plain text with { $variables }, or a message that is one choice by a
# number and nothing else:
#
#   js-example = { $count ->
#       [one] Одно предложение, целиком, с { $count } внутри.
#       [few] …
#       [many] …
#      *[other] То же предложение для { $count }, снова целиком.
#   }
#
# Russian plural categories (CLDR): one (1, 21, 31…), few (2–4, 22–24…),
# many (0, 5–20, 25–30…), *other (fractions). No terms, attributes,
# functions or choices inside choices. A sentence with a count in it is
# written out whole in every variant. Numbers are shown in the page's
# digits (`trellis-numbers`) and dates in its language.

## The status line under a worksheet's buttons (and under the workbook's
## "Your answers" panel).

js-saved = Сохранено на этом устройстве
js-restored = Ваши ответы, сохранённые на этом устройстве, снова внесены в поля.
js-no-storage = Ваши ответы нельзя сохранить в этом браузере (приватный режим или заблокированное хранилище). Эту страницу всё равно можно заполнить и распечатать.
js-quota = Не удалось сохранить ваши ответы: хранилище этого браузера заполнено. Экспортируйте или распечатайте их, чтобы ничего не потерять.
js-updated = Ответы обновлены из другой вкладки.

## Notes under the answers buttons: whether the browser keeps the answers,
## and whether they changed since the last export (an "Export them now"
## button follows that one).

js-kept = Этот браузер согласился хранить ваши ответы.
js-may-delete = Этот браузер может удалять ответы, которые он хранит для сайта, если вы давно его не открывали (Safari делает это через 7 дней). На всякий случай экспортируйте копию.
js-unexported = Вы изменили ответы после последнего экспорта.

## Exporting answers (status line). `file` is the name of the file saved,
## such as answers-2025-03-14.json.

js-exported = Ваши ответы экспортированы в файл { $file }.
js-exported-locked = Ваши ответы зашифрованы вашей кодовой фразой и экспортированы в файл { $file }.
js-export-failed = Не удалось экспортировать ответы в этом браузере. Вместо этого распечатайте их.

## Importing answers: what went wrong with the file (status line).

js-import-error-big = Этот файл слишком большой для файла ответов trellis. Ничего не изменено.
js-import-error-json = Этот файл повреждён: это не полный файл ответов trellis. Ничего не изменено.
js-import-error-foreign = Это не файл ответов trellis. Ничего не изменено.
js-import-error-newer = Этот файл создан более новой версией trellis, чем та, что используется на этом сайте. Ничего не изменено.
js-import-error-damaged = Этот файл повреждён: части его отсутствуют или неверны. Ничего не изменено.
js-import-error-passphrase = Эта кодовая фраза не открывает файл. Ничего не изменено.
js-import-error-read = Не удалось прочитать этот файл. Ничего не изменено.

## Importing answers: how it ended (status line).

js-import-nothing = В этом файле нет ответов. Ничего не изменено.
js-import-cancelled = Импорт отменён. Ничего не изменено.
js-import-failed = Не удалось сохранить ответы (возможно, хранилище этого браузера заполнено). Ничего не изменено.
# `count` answers in `worksheets`, which is js-imported-worksheets.
js-imported = { $count ->
    [one] Импортирован { $count } ответ в { $worksheets }.
    [few] Импортировано { $count } ответа в { $worksheets }.
    [many] Импортировано { $count } ответов в { $worksheets }.
   *[other] Импортировано { $count } ответа в { $worksheets }.
}
# Put into js-imported as `worksheets`: write it as that sentence needs it.
# Here the prepositional case after "в": "в 3 рабочих листах".
js-imported-worksheets = { $count ->
    [one] { $count } рабочем листе
    [few] { $count } рабочих листах
    [many] { $count } рабочих листах
   *[other] { $count } рабочего листа
}

## The import dialog: what the file holds, worksheet by worksheet, and the
## choice of what to do with it.

js-import-title = Импорт ответов
# `date` is the day the file was exported, such as "14 марта 2025 г." (it
# may end in a full stop, so none follows it here).
js-import-intro-dated = Этот файл (экспортирован { $date }) содержит:
js-import-intro = Этот файл содержит:
# One line per worksheet in the file: its title, how many answers it has
# there, and how that compares with this device's answers to it.
js-relation-new = { $count ->
    [one] { $title }: { $count } ответ, которого ещё нет на этом устройстве
    [few] { $title }: { $count } ответа, которых ещё нет на этом устройстве
    [many] { $title }: { $count } ответов, которых ещё нет на этом устройстве
   *[other] { $title }: { $count } ответа, которых ещё нет на этом устройстве
}
js-relation-newer = { $count ->
    [one] { $title }: { $count } ответ, новее, чем на этом устройстве
    [few] { $title }: { $count } ответа, новее, чем на этом устройстве
    [many] { $title }: { $count } ответов, новее, чем на этом устройстве
   *[other] { $title }: { $count } ответа, новее, чем на этом устройстве
}
js-relation-older = { $count ->
    [one] { $title }: { $count } ответ, старше, чем на этом устройстве
    [few] { $title }: { $count } ответа, старше, чем на этом устройстве
    [many] { $title }: { $count } ответов, старше, чем на этом устройстве
   *[other] { $title }: { $count } ответа, старше, чем на этом устройстве
}
js-relation-same = { $count ->
    [one] { $title }: { $count } ответ, той же давности, что и на этом устройстве
    [few] { $title }: { $count } ответа, той же давности, что и на этом устройстве
    [many] { $title }: { $count } ответов, той же давности, что и на этом устройстве
   *[other] { $title }: { $count } ответа, той же давности, что и на этом устройстве
}
js-import-merge = Добавить к тому, что уже есть (для каждого рабочего листа оставить более новые ответы)
js-import-replace = Заменить всё на этом устройстве
js-cancel = Отмена

## The dialog asking for the passphrase of a locked file being imported.

js-passphrase-title = Этот файл заблокирован
js-passphrase-intro = Он был экспортирован с кодовой фразой. Введите её, чтобы открыть файл.
js-passphrase-label = Кодовая фраза
js-passphrase-open = Открыть

## The passphrase lock: under the unlock and lock forms, and in the status
## line.

js-working = Обработка…
js-unlock-first = Сначала разблокируйте ответы: после этого их можно будет экспортировать, импортировать или изменить.
js-wrong-passphrase = Эта кодовая фраза не открывает эти ответы. Попробуйте ещё раз.
js-unlocked = Разблокировано. Ваши ответы снова внесены в поля.
js-locked-now = Заблокировано. Ваши ответы скрыты, пока не будет введена кодовая фраза.
js-lock-on = Теперь ваши ответы заблокированы вашей кодовой фразой. Запомните её: без неё никто не сможет их открыть, в том числе вы.
js-lock-off = Блокировка снята: ответы на этом устройстве снова хранятся в незашифрованном виде.
js-lock-mismatch = Две кодовые фразы не совпадают.
# `min` is the shortest passphrase allowed (8): "не менее 8 символов".
js-lock-short = { $min ->
    [one] Используйте кодовую фразу длиной не менее { $min } символа.
    [few] Используйте кодовую фразу длиной не менее { $min } символов.
    [many] Используйте кодовую фразу длиной не менее { $min } символов.
   *[other] Используйте кодовую фразу длиной не менее { $min } символа.
}
js-lock-no-crypto = Этот браузер не умеет шифровать, поэтому блокировка здесь недоступна.

## A partner's answers brought in from their exported file. `column` is
## the label over the partner column, such as "Партнёр Б". The question is
## asked in the browser's own confirmation box.

js-partner-none = В этом файле нет ответов партнёра для этого рабочего листа. Ничего не изменено.
js-partner-confirm = { $count ->
    [one] Поместить { $count } ответ вашего партнёра в столбец «{ $column }»? То, что сейчас есть в этом столбце, будет заменено.
    [few] Поместить { $count } ответа вашего партнёра в столбец «{ $column }»? То, что сейчас есть в этом столбце, будет заменено.
    [many] Поместить { $count } ответов вашего партнёра в столбец «{ $column }»? То, что сейчас есть в этом столбце, будет заменено.
   *[other] Поместить { $count } ответа вашего партнёра в столбец «{ $column }»? То, что сейчас есть в этом столбце, будет заменено.
}
js-partner-done = { $count ->
    [one] { $count } ответ вашего партнёра теперь в столбце «{ $column }».
    [few] { $count } ответа вашего партнёра теперь в столбце «{ $column }».
    [many] { $count } ответов вашего партнёра теперь в столбце «{ $column }».
   *[other] { $count } ответа вашего партнёра теперь в столбце «{ $column }».
}

## Clearing answers. The questions are asked in the browser's own
## confirmation box; the rest goes to the status line.

js-confirm-clear = Удалить все ответы в этом рабочем листе на этом устройстве? Это нельзя отменить. Если хотите их сохранить, сначала экспортируйте или распечатайте их.
js-cleared = Ответы удалены с этого устройства.
js-clear-cancelled = Ничего не удалено.
js-confirm-clear-all = Удалить всё, что trellis хранит на этом устройстве: все ответы, ваш прогресс и блокировку? Это нельзя отменить.
js-cleared-all = Всё, что trellis хранил на этом устройстве, удалено.

## The workbook's "Your answers" panel: what is kept on this device.

js-stored-none = На этом устройстве нет сохранённых ответов.
js-stored-locked = { $count ->
    [one] На этом устройстве есть заблокированные ответы в { $count } рабочем листе.
    [few] На этом устройстве есть заблокированные ответы в { $count } рабочих листах.
    [many] На этом устройстве есть заблокированные ответы в { $count } рабочих листах.
   *[other] На этом устройстве есть заблокированные ответы в { $count } рабочего листа.
}
# One line per worksheet: its title and how many answers it has here.
js-stored-row = { $count ->
    [one] { $title }: { $count } ответ
    [few] { $title }: { $count } ответа
    [many] { $title }: { $count } ответов
   *[other] { $title }: { $count } ответа
}
# The same, with the day they were last saved, such as "14 марта 2025 г.".
js-stored-row-saved = { $count ->
    [one] { $title }: { $count } ответ, сохранено { $date }
    [few] { $title }: { $count } ответа, сохранено { $date }
    [many] { $title }: { $count } ответов, сохранено { $date }
   *[other] { $title }: { $count } ответа, сохранено { $date }
}

## Progress through the steps (progress.js).

js-progress-done = пройден
js-progress-continue = Продолжить с шага { $number }: { $title }
js-progress-marked = Отмечено как пройденное на этом устройстве.
js-progress-unmarked = Отметка снята.
js-progress-confirm-reset = Забыть, какие шаги вы отметили пройденными на этом устройстве? Ваши ответы останутся.
js-progress-reset-done = Ваш прогресс сброшен.

## Search (search.js).

js-search-results = { $count ->
    [one] { $count } результат. Выберите стрелками, откройте клавишей Enter.
    [few] { $count } результата. Выберите стрелками, откройте клавишей Enter.
    [many] { $count } результатов. Выберите стрелками, откройте клавишей Enter.
   *[other] { $count } результата. Выберите стрелками, откройте клавишей Enter.
}
js-search-none = По запросу «{ $query }» ничего не найдено.
js-search-loading = Загрузка поиска…
js-search-failed = Не удалось загрузить поиск.
