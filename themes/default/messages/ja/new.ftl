# The starter guide `trellis new DIR --language ja` writes, in Japanese
# (日本語), translated from `messages/en/new.ftl`, which has the same
# message ids: text for the author to replace. Worksheet block ids and file
# names stay as they are (they are not shown to readers).
#
# Register as in theme.ftl: polite です/ます form for sentences; headings,
# scale labels and checklist items are short phrases (「ステップ1を読む」).
# worksheet = ワークシート; "together" = ふたりで. A space separates
# Japanese from Latin words ("trellis で").
# `{ $link }` becomes a Markdown link whose text is the matching
# `*-link-text` message. Titles, summaries and the description go into
# TOML front matter: keep them free of invisible characters.
# Fluent syntax: https://projectfluent.org/fluent/guide/

new-guide-title = 私のガイド
new-guide-description = trellis で作成した、ステップごとに進めるガイドです。
new-home-summary = このガイドの目的を一文で。
new-home-text = ようこそ。このガイドには2つのステップがあります。ステップを読んだら、そのステップのワークシートに記入してください。
new-step-one-title = 始めましょう
new-step-one-summary = 最初のステップです。
new-step-one-heading = やること
new-step-one-text = このステップで読者に求めることを、ここに書いてください。
new-step-one-link = 準備ができたら、{ $link }を開いてください。
new-step-one-link-text = 最初のワークシート
new-step-two-title = 続けましょう
new-step-two-summary = 2番目のステップです。
new-step-two-heading = 次にやること
new-step-two-text = ステップは、ファイル名の先頭にある番号の順に並びます。
new-step-two-link = { $link }には、いつでも戻ることができます。
new-step-two-link-text = ステップ1
new-worksheet-title = 最初のワークシート
new-worksheet-summary = 画面上で記入するか、印刷してお使いください。
new-worksheet-text = ここに入力した回答は、この端末のこのブラウザーの中にとどまります。
new-worksheet-date = 日付
new-worksheet-thoughts = 始めるにあたって、今どんなことを考えていますか？
new-worksheet-low = まったくできていない
new-worksheet-high = すっかりできている
new-worksheet-ready = どのくらい準備ができていると感じますか？
new-worksheet-task-read = ステップ1を読む
new-worksheet-task-talk = ふたりで話し合う
