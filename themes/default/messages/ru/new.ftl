# The starter guide `trellis new DIR --language ru` writes, in Russian
# (русский), translated from `messages/en/new.ftl`, which has the same
# message ids: text for the author to replace. Worksheet block ids and file
# names stay as they are (they are not shown to readers).
#
# Register as in theme.ftl: "вы" (lower case), and no sentence marks the
# reader as man or woman (short plural forms: "Когда будете готовы").
# worksheet = рабочий лист; checklist items are infinitives.
# `{ $link }` becomes a Markdown link whose text is the matching
# `*-link-text` message, in the case the sentence needs ("к шагу 1").
# Titles, summaries and the description go into TOML front matter: keep
# them free of no-break spaces and other invisible characters.
# Fluent syntax: https://projectfluent.org/fluent/guide/

new-guide-title = Моё руководство
new-guide-description = Пошаговое руководство, созданное с помощью trellis.
new-home-summary = Для чего это руководство — одним предложением.
new-home-text = Добро пожаловать. В этом руководстве два шага. Прочитайте шаг, а затем заполните рабочий лист к нему.
new-step-one-title = Начинаем
new-step-one-summary = Первый шаг.
new-step-one-heading = Что делать
new-step-one-text = Опишите здесь, что этот шаг предлагает сделать читателю.
new-step-one-link = Когда будете готовы, откройте { $link }.
new-step-one-link-text = первый рабочий лист
new-step-two-title = Продолжаем
new-step-two-summary = Второй шаг.
new-step-two-heading = Что делать дальше
new-step-two-text = Шаги идут по порядку номеров в начале имён их файлов.
new-step-two-link = Вернуться к { $link } можно в любой момент.
new-step-two-link-text = шагу 1
new-worksheet-title = Первый рабочий лист
new-worksheet-summary = Заполните его на экране или распечатайте.
new-worksheet-text = Ответы, введённые здесь, остаются в этом браузере на этом устройстве.
new-worksheet-date = Дата
new-worksheet-thoughts = О чём вы думаете сейчас, в самом начале?
new-worksheet-low = Совсем нет
new-worksheet-high = Полностью
new-worksheet-ready = Насколько вы сейчас готовы?
new-worksheet-task-read = Прочитать шаг 1
new-worksheet-task-talk = Обсудить это вместе
