# The words the default theme and trellis itself add to pages, in Japanese
# (日本語), translated from `messages/en/theme.ftl`, which has the same
# message ids; a message missing here is taken from English (and
# `trellis check` warns, W011).
#
# Register: polite です/ます form for sentences; buttons and links are
# short verb or noun phrases (「回答を書き出す」). Terms: worksheet =
# ワークシート, workbook = ワークブック, passphrase = パスフレーズ,
# device = 端末, export/import = 書き出す/読み込む. Quotes: 「」.
# Japanese has no plural forms, so no message chooses by a number.
#
# A guide can change any message: put a file such as `messages/ja.ftl` in
# the guide's folder with the messages to change, or set them under
# `[messages]` in guide.toml.
# Fluent syntax: https://projectfluent.org/fluent/guide/

## How the language is written. `trellis-numbers` picks the digits numbers
## are shown in (latn, arab, arabext, beng, deva, thai); `trellis-dir` may
## force `ltr` or `rtl` (by default it follows the language).

trellis-numbers = latn
# The language's name in itself, for the language switcher.
language-name = 日本語

## The page frame (base.html).

skip-to-content = メインコンテンツへ移動
# The quick-exit button. For screen readers the hint follows it, after a
# space: "このサイトを離れる （すぐに離れられます。…）".
quick-exit = このサイトを離れる
quick-exit-hint = （すぐに離れられます。Shift キーを3回押しても離れられます）
safety-link = 安全と支援
nav-label = ガイド
nav-steps = ステップ
nav-the-steps = ステップ一覧
nav-before-you-begin = はじめる前に
nav-start-here = まずはこちら
nav-worksheets = ワークシート
nav-all-worksheets = すべてのワークシート
nav-print-workbook = ワークブックを印刷
nav-more = その他
nav-languages = 言語
breadcrumb-label = パンくずリスト
footer-by = 作成：{ $author }
# `link` is footer-safety-link as a link.
footer-safety = 自宅が安全でない場合は、まず{ $link }。
footer-safety-link = 安全と支援についてお読みください
footer-made-with = trellis で作成

## Steps.

# "ステップ2（全7ステップ）", over the progress bar and in the navigation.
step-of = ステップ{ $number }（全{ $total }ステップ）
# Before a step's title where the number is not shown otherwise.
step-number = ステップ{ $number }：
step-with-title = ステップ{ $number }：{ $title }
step-kicker = ステップ{ $number }
reading-time = 約{ $minutes }分で読めます
reading-time-short = 約{ $minutes }分
worksheet-label = ワークシート：
step-worksheet-kicker = このステップのワークシート
step-worksheet-note = 画面上でふたり一緒に記入するか、印刷して手書きで記入してください。回答はこの端末の中にとどまります。
step-worksheet-open = ワークシートを開く
pager-label = 前のステップと次のステップ
pager-prev = 前のステップ
pager-next = 次のステップ
pager-last = これが最後のステップでした
pager-back-to-start = 最初に戻る
go-to-step-one = ステップ1へ：{ $title }
toc-heading = このページの内容

## The home page.

home-start = ステップ1から始める
home-print-workbook = ワークブックを印刷
home-safety-heading = 何よりもあなたの安全が大切です
# `link` is home-safety-link (the safety page's title) as a link.
home-safety-text = パートナーが怖いと感じている場合や、家で安全に過ごせない場合は、何よりも先に「{ $link }」をお読みください。
home-safety-link = 安全と支援
home-steps-heading = { $count }つのステップ
home-worksheets-heading = ワークシート
home-worksheets-text = 各ステップには、画面上または紙の上でふたり一緒に記入するワークシートがあります。回答はこの端末のこのブラウザーにのみ保存されます。
home-worksheets-link = すべてのワークシートを見る。

## Section pages.

# The titles of `content/steps/` and `content/worksheets/` when they have
# no `_index.md` of their own.
section-steps = ステップ
section-worksheets = ワークシート
section-more = このセクションのほかのページ
section-print-workbook = ワークブックを印刷
section-workbook-note = すべてのワークシートをまとめたもので、そのまま印刷できます。

## Worksheet pages.

worksheet-kicker = ワークシート
# Followed by the steps that use the worksheet ("ステップ6：…").
used-in = 使われているページ：
print-workbook-link = ワークブックを印刷
print-workbook-note = （すべてのワークシートをまとめたもの）
pdf-download = PDF をダウンロード：
pdf-a4 = A4
pdf-letter = レター
private-heading = このワークシートはあなただけのものです
private-text = この端末をほかの人も使う場合、その人がこのページを開いて書いた内容を読めてしまいます。パスフレーズで回答をロックするか、紙に書くか、自分だけの端末を使ってください。
private-set-lock = ロックを設定する
private-leaving = すばやくサイトを離れる方法

## The answers bar on a worksheet page.

answers-label = あなたの回答
answers-note = 回答はこの端末のこのブラウザーにのみ保存されます。どこにも送信されません。
answers-print = このワークシートを印刷
answers-export = 回答を書き出す
answers-import = 回答を読み込む
answers-import-partner = パートナーの回答を追加
answers-lock-now = 今すぐロック
answers-clear = この端末の回答を消去
# A button after js-unexported ("You have changed answers since …").
answers-export-now = 今すぐ書き出す
answers-manage = 保存される内容、パスフレーズによるロック、すべての消去について
answers-noscript = JavaScript がオフの場合、ここに入力した回答は保存されませんが、このページに記入して印刷することはできます。

## Unlocking answers.

unlock-title = 回答はロックされています。
unlock-text = 回答を表示・変更するには、パスフレーズを入力してください。
unlock-passphrase = パスフレーズ
unlock-button = ロックを解除

## The answers panel on the workbook page.

panel-heading = この端末にあるあなたの回答
panel-intro = ワークシートに入力した内容はすべて、この端末のこのブラウザーにのみ保存されます。どこにも送信されません。現在ここに保存されているもの：
panel-print = ワークブックを印刷
panel-export = すべての回答を書き出す
panel-import = 回答を読み込む
panel-help = 書き出すと、すべてのワークシートの回答と、完了の印を付けたステップが1つのファイルにまとめられます。人に見られない場所に保管するか、別の端末に移してそこで読み込んでください。読み込むときは、まずファイルの中身が表示されます。ここにある内容に追加するか、すべてを置き換えるかを選べます。
lock-heading = パスフレーズによるロック
# `minutes` is how long the lock waits (5). The quoted button is lock-now.
lock-intro = ほかの人も使うスマートフォンやパソコンでは、回答をロックできます。ロックすると回答は暗号化して保存され、この端末でこのサイトを開いた人には、パスフレーズが入力されるまで何も表示されません。ロックは、{ $minutes }分間操作がなかったとき、「今すぐロック」を押したとき、タブを閉じたときに再びかかります。書き出したファイルも同じパスフレーズで暗号化されます。
# `emphasis` is lock-no-recovery-emphasis, shown in bold.
lock-no-recovery = { $emphasis }。このサイトを作った人たちでも復元できません。作った人たちがパスフレーズを目にすることはないからです。
lock-no-recovery-emphasis = パスフレーズがなければ、回答を復元する方法はありません
# `link` is lock-limits-link (a section of the safety page) as a link.
lock-limits = ロックでは、回答を開いている間に誰かにのぞき見られること、端末上の追跡アプリ、パスフレーズを知っている人や推測できる人、印刷したコピーからは守れません。また、このサイトを訪れたことも隠せません（ブラウザーの履歴については「{ $link }」をご覧ください）。
lock-limits-link = すばやくサイトを離れる方法
lock-passphrase = パスフレーズ
lock-passphrase-again = 同じパスフレーズをもう一度
lock-button = 回答をロックする
lock-on = 回答はパスフレーズでロックされています。
lock-now = 今すぐロック
lock-off = ロックの設定を解除する
clear-heading = すべて消去
clear-text = このブラウザーから、すべての回答、完了の印を付けたステップ、ロックを削除します。元に戻すことはできません。残しておきたいものは、先に書き出すか印刷してください。
clear-button = この端末のすべてを消去

## The workbook.

workbook-title = ワークブック
workbook-note = このガイドのワークシート（全{ $count }枚）をステップの順にまとめています。印刷してふたりで手書きで記入するか、先にここで回答を入力してください。この端末で入力した内容は、空欄の線の代わりに印刷されます。
workbook-contents = 目次
workbook-open-sheet = このワークシートを単独のページで開く

## The page for unknown addresses (404).

not-found-title = ページが見つかりません
not-found-heading = お探しのページが見つかりませんでした
not-found-lead = リンクが古いか、アドレスに入力ミスがある可能性があります。
not-found-home = 「{ $title }」のトップページへ
not-found-steps = ステップ一覧
not-found-other = その他のページ
not-found-workbook = 印刷用ワークブック

## Worksheet blocks, in the page itself (and in print).

# The two columns of a `partners` block and the signers of a `signature`
# block, unless guide.toml sets `partner_labels`.
partner-a = パートナーA
partner-b = パートナーB
ws-signatures = 署名
ws-signature-name = 名前
ws-signature-date = 日付
ws-signature-line = 署名
ws-sign-on-paper = 紙に署名
# How a scale describes its ends to screen readers: "1は「まったくない」".
ws-scale-means = { $number }は「{ $label }」
ws-scale-separator = {"、"}

## Progress through the steps.

progress-mark = このステップを終えました
progress-reset = 進み具合をリセットする

## Search.

search-open = 検索
search-label = このガイドを検索
search-close = 閉じる

## Worksheet cards and the end of a worksheet page.

worksheet-prompts = 記入する項目：{ $count }
worksheet-back = ステップに戻る
worksheet-onward = ステップに戻る・次へ進む
