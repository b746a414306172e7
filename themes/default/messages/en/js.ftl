# The words the worksheet script (static/js/worksheet.js) shows, in English:
# status lines, notes, dialogs and questions it asks while answers are
# filled in, kept, exported, imported, locked and cleared.
#
# Every page carries these to the script as JSON, so they must stay simple:
# plain text with { $variables }, or a message that is one choice by a
# number and nothing else:
#
#   js-example = { $count ->
#       [one] One sentence, whole, with { $count } in it.
#      *[other] The same sentence for { $count }, whole again.
#   }
#
# (add [0], [two], [few], [many] as the language needs). No terms,
# attributes, functions or choices inside choices. A sentence with a count
# in it is written out whole in every variant. Numbers are shown in the
# page's digits (`trellis-numbers`) and dates in its language.

## The status line under a worksheet's buttons (and under the workbook's
## "Your answers" panel).

js-saved = Saved on this device
js-restored = Your answers from this device are filled in.
js-no-storage = Your answers cannot be saved in this browser (private browsing or blocked storage). You can still fill in and print this page.
js-quota = Your answers could not be saved: this browser's storage is full. Export or print them so nothing is lost.
js-updated = Answers updated from another tab.

## Notes under the answers buttons: whether the browser keeps the answers,
## and whether they changed since the last export (an "Export them now"
## button follows that one).

js-kept = This browser has agreed to keep your answers.
js-may-delete = This browser may delete answers it keeps for a site you have not visited for a while (Safari does after 7 days). Export a copy to be safe.
js-unexported = You have changed answers since you last exported them.

## Exporting answers (status line). `file` is the name of the file saved,
## such as answers-2025-03-14.json.

js-exported = Exported your answers to { $file }.
js-exported-locked = Exported your answers, encrypted with your passphrase, to { $file }.
js-export-failed = The answers could not be exported in this browser. Print them instead.

## Importing answers: what went wrong with the file (status line).

js-import-error-big = That file is too large to be a trellis answers file. Nothing was changed.
js-import-error-json = That file is damaged: it is not a complete trellis answers file. Nothing was changed.
js-import-error-foreign = That file is not a trellis answers file. Nothing was changed.
js-import-error-newer = That file comes from a newer version of trellis than this site uses. Nothing was changed.
js-import-error-damaged = That file is damaged: parts of it are missing or wrong. Nothing was changed.
js-import-error-passphrase = That passphrase does not open the file. Nothing was changed.
js-import-error-read = That file could not be read. Nothing was changed.

## Importing answers: how it ended (status line).

js-import-nothing = That file holds no answers. Nothing was changed.
js-import-cancelled = Import cancelled. Nothing was changed.
js-import-failed = The answers could not be saved (this browser's storage may be full). Nothing was changed.
# `count` answers in `worksheets`, which is js-imported-worksheets.
js-imported = { $count ->
    [one] Imported { $count } answer in { $worksheets }.
   *[other] Imported { $count } answers in { $worksheets }.
}
# Put into js-imported as `worksheets`: write it as that sentence needs it.
js-imported-worksheets = { $count ->
    [one] { $count } worksheet
   *[other] { $count } worksheets
}

## The import dialog: what the file holds, worksheet by worksheet, and the
## choice of what to do with it.

js-import-title = Import answers
# `date` is the day the file was exported, such as "14 March 2025".
js-import-intro-dated = This file was exported on { $date }. It holds:
js-import-intro = This file holds:
# One line per worksheet in the file: its title, how many answers it has
# there, and how that compares with this device's answers to it.
js-relation-new = { $count ->
    [one] { $title }: { $count } answer, not on this device yet
   *[other] { $title }: { $count } answers, not on this device yet
}
js-relation-newer = { $count ->
    [one] { $title }: { $count } answer, newer than on this device
   *[other] { $title }: { $count } answers, newer than on this device
}
js-relation-older = { $count ->
    [one] { $title }: { $count } answer, older than on this device
   *[other] { $title }: { $count } answers, older than on this device
}
js-relation-same = { $count ->
    [one] { $title }: { $count } answer, the same age as on this device
   *[other] { $title }: { $count } answers, the same age as on this device
}
js-import-merge = Add to what is here (keep the newer of each worksheet)
js-import-replace = Replace everything on this device
js-cancel = Cancel

## The dialog asking for the passphrase of a locked file being imported.

js-passphrase-title = This file is locked
js-passphrase-intro = It was exported with a passphrase. Enter it to open the file.
js-passphrase-label = Passphrase
js-passphrase-open = Open

## The passphrase lock: under the unlock and lock forms, and in the status
## line.

js-working = Working…
js-unlock-first = Unlock your answers first: then they can be exported, imported or changed.
js-wrong-passphrase = That passphrase does not open these answers. Try again.
js-unlocked = Unlocked. Your answers are filled in.
js-locked-now = Locked. Your answers are hidden until the passphrase is entered.
js-lock-on = Your answers are now locked with your passphrase. Remember it: without it they cannot be opened by anyone, you included.
js-lock-off = The lock is off: answers on this device are kept unencrypted again.
js-lock-mismatch = The two passphrases are not the same.
# `min` is the shortest passphrase allowed (8).
js-lock-short = { $min ->
    [one] Use a passphrase of at least { $min } character.
   *[other] Use a passphrase of at least { $min } characters.
}
js-lock-no-crypto = This browser cannot encrypt, so the lock is not available here.

## A partner's answers brought in from their exported file. `column` is
## the label over the partner column, such as "Partner B". The question is
## asked in the browser's own confirmation box.

js-partner-none = That file has no partner answers for this worksheet. Nothing was changed.
js-partner-confirm = { $count ->
    [one] Put your partner's { $count } answer in the “{ $column }” column? What is in that column now is replaced.
   *[other] Put your partner's { $count } answers in the “{ $column }” column? What is in that column now is replaced.
}
js-partner-done = { $count ->
    [one] Your partner's { $count } answer is in the “{ $column }” column.
   *[other] Your partner's { $count } answers are in the “{ $column }” column.
}

## Clearing answers. The questions are asked in the browser's own
## confirmation box; the rest goes to the status line.

js-confirm-clear = Clear all answers to this worksheet on this device? This cannot be undone. Export or print first if you want to keep them.
js-cleared = Answers cleared from this device.
js-clear-cancelled = Nothing was cleared.
js-confirm-clear-all = Clear everything trellis keeps on this device: every answer, your progress and the lock? This cannot be undone.
js-cleared-all = Everything trellis kept on this device has been cleared.

## The workbook's "Your answers" panel: what is kept on this device.

js-stored-none = No answers are stored on this device.
js-stored-locked = { $count ->
    [one] { $count } worksheet has locked answers on this device.
   *[other] { $count } worksheets have locked answers on this device.
}
# One line per worksheet: its title and how many answers it has here.
js-stored-row = { $count ->
    [one] { $title }: { $count } answer
   *[other] { $title }: { $count } answers
}
# The same, with the day they were last saved, such as "14 March 2025".
js-stored-row-saved = { $count ->
    [one] { $title }: { $count } answer, saved { $date }
   *[other] { $title }: { $count } answers, saved { $date }
}

## Progress through the steps (progress.js).

# Read by screen readers after a step marked done in the navigation.
js-progress-done = done
# The home page's first button once some steps are done.
js-progress-continue = Continue with step { $number }: { $title }
js-progress-marked = Marked as done on this device.
js-progress-unmarked = No longer marked as done.
js-progress-confirm-reset = Forget which steps you marked done on this device? Your answers stay.
js-progress-reset-done = Your progress has been reset.

## Search (search.js).

js-search-results = { $count ->
    [one] { $count } result. Use the arrow keys to choose, Enter to open.
   *[other] { $count } results. Use the arrow keys to choose, Enter to open.
}
js-search-none = Nothing found for “{ $query }”.
js-search-loading = Loading the search…
js-search-failed = The search could not be loaded.
