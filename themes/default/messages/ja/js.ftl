# The words the worksheet script (static/js/worksheet.js) shows, in
# Japanese (日本語), translated from `messages/en/js.ftl`: status lines,
# notes, dialogs and questions it asks while answers are filled in, kept,
# exported, imported, locked and cleared.
#
# Every page carries these to the script as JSON, so they must stay simple:
# plain text with { $variables }, or a message that is one choice by a
# number and nothing else. Japanese has no plural forms, so every message
# here is plain text with its { $variables } (counts take a counter word:
# 回答{ $count }件, ワークシート{ $count }枚). No terms, attributes or
# functions. Numbers are shown in the page's digits (`trellis-numbers`) and
# dates in its language ("2025年3月14日").

## The status line under a worksheet's buttons (and under the workbook's
## "Your answers" panel).

js-saved = この端末に保存しました
js-restored = この端末に保存されていた回答を入力欄に戻しました。
js-no-storage = このブラウザーでは回答を保存できません（プライベートブラウズ中か、保存がブロックされています）。このページに記入して印刷することはできます。
js-quota = 回答を保存できませんでした。このブラウザーの保存領域がいっぱいです。何も失われないよう、回答を書き出すか印刷してください。
js-updated = 別のタブでの変更を反映して、回答を更新しました。

## Notes under the answers buttons: whether the browser keeps the answers,
## and whether they changed since the last export (an "Export them now"
## button follows that one).

js-kept = このブラウザーは、回答を保持し続けることを承認しました。
js-may-delete = このブラウザーは、しばらく訪れていないサイトの回答を削除することがあります（Safari では7日後）。念のため、コピーを書き出しておいてください。
js-unexported = 前回書き出したあとに、回答が変更されています。

## Exporting answers (status line). `file` is the name of the file saved,
## such as answers-2025-03-14.json.

js-exported = 回答を { $file } に書き出しました。
js-exported-locked = 回答をパスフレーズで暗号化して { $file } に書き出しました。
js-export-failed = このブラウザーでは回答を書き出せませんでした。代わりに印刷してください。

## Importing answers: what went wrong with the file (status line).

js-import-error-big = このファイルは、trellis の回答ファイルとしては大きすぎます。何も変更されていません。
js-import-error-json = このファイルは破損しています。trellis の回答ファイルとして完全ではありません。何も変更されていません。
js-import-error-foreign = このファイルは trellis の回答ファイルではありません。何も変更されていません。
js-import-error-newer = このファイルは、このサイトで使われているものより新しいバージョンの trellis で作られています。何も変更されていません。
js-import-error-damaged = このファイルは破損しています。一部が欠けているか、正しくありません。何も変更されていません。
js-import-error-passphrase = そのパスフレーズではこのファイルを開けません。何も変更されていません。
js-import-error-read = このファイルを読み込めませんでした。何も変更されていません。

## Importing answers: how it ended (status line).

js-import-nothing = このファイルには回答が入っていません。何も変更されていません。
js-import-cancelled = 読み込みを取り消しました。何も変更されていません。
js-import-failed = 回答を保存できませんでした（このブラウザーの保存領域がいっぱいの可能性があります）。何も変更されていません。
# `count` answers in `worksheets`, which is js-imported-worksheets
# ("ワークシート3枚から回答12件を読み込みました。").
js-imported = { $worksheets }から回答{ $count }件を読み込みました。
# Put into js-imported as `worksheets`: write it as that sentence needs it.
js-imported-worksheets = ワークシート{ $count }枚

## The import dialog: what the file holds, worksheet by worksheet, and the
## choice of what to do with it.

js-import-title = 回答を読み込む
# `date` is the day the file was exported, such as "2025年3月14日".
js-import-intro-dated = このファイルは{ $date }に書き出されたもので、次の内容が入っています：
js-import-intro = このファイルには次の内容が入っています：
# One line per worksheet in the file: its title, how many answers it has
# there, and how that compares with this device's answers to it.
js-relation-new = { $title }：回答{ $count }件（この端末にはまだありません）
js-relation-newer = { $title }：回答{ $count }件（この端末のものより新しい）
js-relation-older = { $title }：回答{ $count }件（この端末のものより古い）
js-relation-same = { $title }：回答{ $count }件（この端末のものと同じ時点）
js-import-merge = ここにある内容に追加する（ワークシートごとに新しいほうを残す）
js-import-replace = この端末の内容をすべて置き換える
js-cancel = キャンセル

## The dialog asking for the passphrase of a locked file being imported.

js-passphrase-title = このファイルはロックされています
js-passphrase-intro = このファイルはパスフレーズ付きで書き出されています。ファイルを開くには、パスフレーズを入力してください。
js-passphrase-label = パスフレーズ
js-passphrase-open = 開く

## The passphrase lock: under the unlock and lock forms, and in the status
## line.

js-working = 処理中…
js-unlock-first = まず回答のロックを解除してください。解除すると、書き出し・読み込み・変更ができるようになります。
js-wrong-passphrase = そのパスフレーズではこの回答を開けません。もう一度お試しください。
js-unlocked = ロックを解除しました。回答を入力欄に戻しました。
js-locked-now = ロックしました。パスフレーズが入力されるまで、回答は表示されません。
js-lock-on = 回答をパスフレーズでロックしました。パスフレーズを忘れないでください。パスフレーズがなければ、あなた自身も含めて誰も回答を開けません。
js-lock-off = ロックの設定を解除しました。この端末の回答は、再び暗号化されずに保存されます。
js-lock-mismatch = 2つのパスフレーズが一致しません。
# `min` is the shortest passphrase allowed (8).
js-lock-short = パスフレーズは{ $min }文字以上にしてください。
js-lock-no-crypto = このブラウザーは暗号化に対応していないため、ここではロックを使えません。

## A partner's answers brought in from their exported file. `column` is
## the label over the partner column, such as "パートナーB". The question
## is asked in the browser's own confirmation box.

js-partner-none = このファイルには、このワークシートに対するパートナーの回答がありません。何も変更されていません。
js-partner-confirm = パートナーの回答{ $count }件を「{ $column }」の列に入れますか？　今その列にある内容は置き換えられます。
js-partner-done = パートナーの回答{ $count }件を「{ $column }」の列に入れました。

## Clearing answers. The questions are asked in the browser's own
## confirmation box; the rest goes to the status line.

js-confirm-clear = この端末にある、このワークシートの回答をすべて消去しますか？　元に戻すことはできません。残しておきたい場合は、先に書き出すか印刷してください。
js-cleared = この端末から回答を消去しました。
js-clear-cancelled = 何も消去されていません。
js-confirm-clear-all = trellis がこの端末に保存しているもの（すべての回答、進み具合、ロック）をすべて消去しますか？　元に戻すことはできません。
js-cleared-all = trellis がこの端末に保存していたものをすべて消去しました。

## The workbook's "Your answers" panel: what is kept on this device.

js-stored-none = この端末に保存されている回答はありません。
js-stored-locked = この端末には、ロックされた回答のあるワークシートが{ $count }枚あります。
# One line per worksheet: its title and how many answers it has here.
js-stored-row = { $title }：回答{ $count }件
# The same, with the day they were last saved, such as "2025年3月14日".
js-stored-row-saved = { $title }：回答{ $count }件（{ $date }に保存）

## Progress through the steps (progress.js).

js-progress-done = 完了
js-progress-continue = ステップ{ $number }の続きへ：{ $title }
js-progress-marked = この端末で完了として記録しました。
js-progress-unmarked = 完了の記録を外しました。
js-progress-confirm-reset = この端末で完了として記録したステップを消去しますか？回答はそのまま残ります。
js-progress-reset-done = 進み具合をリセットしました。

## Search (search.js).

js-search-results = { $count }件の結果。矢印キーで選び、Enterで開きます。
js-search-none = 「{ $query }」に一致するものはありません。
js-search-loading = 検索を読み込んでいます…
js-search-failed = 検索を読み込めませんでした。
