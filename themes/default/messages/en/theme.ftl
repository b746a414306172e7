# The words the default theme and trellis itself add to pages, in English.
# Every other language's table has the same message ids; a message missing
# there is taken from here (and `trellis check` warns, W011).
#
# A guide can change any message: put a file such as `messages/en.ftl` (or
# `messages/es.ftl` for a Spanish guide) in the guide's folder with the
# messages to change, or set them under `[messages]` in guide.toml.
# Fluent syntax: https://projectfluent.org/fluent/guide/

## How the language is written. `trellis-numbers` picks the digits numbers
## are shown in (latn, arab, arabext, beng, deva, thai); `trellis-dir` may
## force `ltr` or `rtl` (by default it follows the language).

trellis-numbers = latn
# The language's name in itself, for the language switcher.
language-name = English

## The page frame (base.html).

skip-to-content = Skip to main content
quick-exit = Leave this site
quick-exit-hint = quickly (or press Shift three times)
safety-link = Safety & help
nav-label = Guide
nav-steps = Steps
nav-the-steps = The steps
nav-before-you-begin = Before you begin
nav-start-here = Start here
nav-worksheets = Worksheets
nav-all-worksheets = All worksheets
nav-print-workbook = Print the workbook
nav-more = More
nav-languages = Languages
breadcrumb-label = Breadcrumb
footer-by = by { $author }
footer-safety = Not safe at home? { $link } first.
footer-safety-link = Read about safety and getting help
footer-made-with = Made with trellis

## Steps.

# "Step 2 of 7", over the progress bar and in the navigation.
step-of = Step { $number } of { $total }
# Before a step's title where the number is not shown otherwise.
step-number = Step { $number }:
step-with-title = Step { $number }: { $title }
step-kicker = Step { $number }
reading-time = { $minutes ->
    [one] About { $minutes } min read
   *[other] About { $minutes } min read
}
reading-time-short = { $minutes ->
    [one] About { $minutes } min
   *[other] About { $minutes } min
}
worksheet-label = Worksheet:
step-worksheet-kicker = This step's worksheet
step-worksheet-note = Fill it in together on screen, or print it and write by hand. Your answers stay on this device.
step-worksheet-open = Open the worksheet
pager-label = Previous and next step
pager-prev = Previous step
pager-next = Next step
pager-last = That was the last step
pager-back-to-start = Back to the start
go-to-step-one = Go to step 1: { $title }
toc-heading = On this page

## The home page.

home-start = Start with step 1
home-print-workbook = Print workbook
home-safety-heading = Your safety comes first
home-safety-text = If you are afraid of your partner, or you are not safe at home, read { $link } before anything else.
home-safety-link = Safety and getting help
home-steps-heading = { $count ->
    [one] The step
   *[other] The { $count } steps
}
home-worksheets-heading = Worksheets
home-worksheets-text = Each step has a worksheet to fill in together, on screen or on paper. Your answers are kept only in this browser, on this device.
home-worksheets-link = See all the worksheets.

## Section pages.

# The titles of `content/steps/` and `content/worksheets/` when they have
# no `_index.md` of their own.
section-steps = Steps
section-worksheets = Worksheets
section-more = More in this section
section-print-workbook = Print workbook
section-workbook-note = All worksheets together, ready to print.

## Worksheet pages.

worksheet-kicker = Worksheet
used-in = Used in
print-workbook-link = Print workbook
print-workbook-note = (all worksheets together)
pdf-download = Download PDF:
pdf-a4 = A4
pdf-letter = Letter
private-heading = This worksheet is for you alone
private-text = Anyone else who uses this device could open this page and read what you write. Lock your answers with a passphrase, write on paper, or use a device only you use.
private-set-lock = Set up a lock
private-leaving = Leaving quickly

## The answers bar on a worksheet page.

answers-label = Your answers
answers-note = Your answers are kept only in this browser, on this device. Nothing is sent anywhere.
answers-print = Print this worksheet
answers-export = Export answers
answers-import = Import answers
answers-import-partner = Add your partner's answers
answers-lock-now = Lock now
answers-clear = Clear answers on this device
answers-export-now = Export them now
answers-manage = What is stored, the passphrase lock, and clearing everything
answers-noscript = With JavaScript off, answers typed here are not saved, but you can fill in this page and print it.

## Unlocking answers.

unlock-title = Your answers are locked.
unlock-text = Enter your passphrase to see and change them.
unlock-passphrase = Passphrase
unlock-button = Unlock

## The answers panel on the workbook page.

panel-heading = Your answers on this device
panel-intro = Everything typed into the worksheets is kept only in this browser, on this device. Nothing is sent anywhere. Kept here now:
panel-print = Print workbook
panel-export = Export all answers
panel-import = Import answers
panel-help = An export is one file with every worksheet's answers and the steps you marked done. Keep it somewhere private, or bring it to another device and import it there. Importing shows what the file holds first; you can add it to what is here or replace everything.
lock-heading = A passphrase lock
lock-intro = On a phone or computer someone else also uses, you can lock your answers. They are then stored encrypted: anyone who opens this site on this device sees nothing until the passphrase is entered. The lock closes again after { $minutes } minutes without use, when you press “Lock now”, and when you close the tab. Exports are encrypted with the same passphrase.
# `emphasis` is lock-no-recovery-emphasis, shown in bold.
lock-no-recovery = { $emphasis }, not even for the people who made this site: they never see it.
lock-no-recovery-emphasis = There is no way to recover answers without the passphrase
lock-limits = The lock does not protect against someone looking while your answers are open, a tracking app on the device, someone who knows or guesses your passphrase, or printed copies, and it does not hide that you visited this site (see { $link } for your browser's history).
lock-limits-link = leaving this site quickly
lock-passphrase = Passphrase
lock-passphrase-again = The same passphrase again
lock-button = Lock my answers
lock-on = Your answers are locked with a passphrase.
lock-now = Lock now
lock-off = Remove the lock
clear-heading = Clear everything
clear-text = Remove every answer, the steps marked done and the lock from this browser. It cannot be undone: export or print first anything you want to keep.
clear-button = Clear everything on this device

## The workbook.

workbook-title = Workbook
workbook-note = { $count ->
    [one] The worksheet of the guide. Print it and fill it in by hand, together, or type your answers here first: anything you typed on this device is printed in place of the blank lines.
   *[other] All { $count } worksheets of the guide, in step order. Print it and fill it in by hand, together, or type your answers here first: anything you typed on this device is printed in place of the blank lines.
}
workbook-contents = Contents
workbook-open-sheet = Open this worksheet on its own page

## The page for unknown addresses (404).

not-found-title = Page not found
not-found-heading = We couldn't find that page
not-found-lead = The link may be old, or the address may have a typo.
not-found-home = Go to the start of { $title }
not-found-steps = The steps
not-found-other = Other pages
not-found-workbook = Printable workbook

## Worksheet blocks, in the page itself (and in print).

# The two columns of a `partners` block and the signers of a `signature`
# block, unless guide.toml sets `partner_labels`.
partner-a = Partner A
partner-b = Partner B
ws-signatures = Signatures
ws-signature-name = Name
ws-signature-date = Date
ws-signature-line = Signature
# Beside the signature line on screen: it is signed on paper.
ws-sign-on-paper = sign on paper
# How a scale describes its ends to screen readers: "1 means Not at all".
ws-scale-means = { $number } means { $label }
ws-scale-separator = {"; "}

## Progress through the steps (shown by progress.js).

# A toggle button at the end of a step page.
progress-mark = I have done this step
progress-reset = Reset my progress

## Search.

search-open = Search
search-label = Search this guide
search-close = Close

## Worksheet cards and the end of a worksheet page.

# On a worksheet's card in the worksheets list: blocks and task items.
worksheet-prompts = { $count ->
    [one] { $count } thing to fill in
   *[other] { $count } things to fill in
}
worksheet-back = Back to the step
# The label of the links at the end of a worksheet page.
worksheet-onward = Back to the step and on
