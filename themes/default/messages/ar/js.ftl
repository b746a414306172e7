# The words the worksheet script (static/js/worksheet.js) shows, in Arabic
# (العربية, Modern Standard Arabic), translated from `messages/en/js.ftl`:
# status lines, notes, dialogs and questions it asks while answers are
# filled in, kept, exported, imported, locked and cleared.
#
# Every page carries these to the script as JSON, so they must stay simple:
# plain text with { $variables }, or a message that is one choice by a
# number and nothing else:
#
#   js-example = { $count ->
#       [zero] …
#       [one] جملة كاملة عن شيء واحد.
#       [two] …
#       [few] …
#       [many] …
#      *[other] الجملة نفسها لـ{ $count }، كاملة مرة أخرى.
#   }
#
# Arabic plural categories (CLDR): zero, one, two, few (3–10), many
# (11–99), *other (100, 101, …). One and two are written with the noun
# alone (إجابة واحدة، إجابتان), as Arabic does, without the number. No
# terms, attributes, functions or choices inside choices. A sentence with a
# count in it is written out whole in every variant. Numbers are shown in
# the page's digits (`trellis-numbers = arab`), so digits written in the
# text itself are Arabic-Indic too (٧); dates are shown in its language.
# The reader is addressed neutrally (see theme.ftl): questions in the
# browser's confirmation box are verbal nouns ("مسح …؟").

## The status line under a worksheet's buttons (and under the workbook's
## "Your answers" panel).

js-saved = تم الحفظ على هذا الجهاز
js-restored = تم ملء الحقول بإجاباتك المحفوظة على هذا الجهاز.
js-no-storage = لا يمكن حفظ إجاباتك في هذا المتصفح (التصفح الخاص أو التخزين محظور). لا يزال بإمكانك ملء هذه الصفحة وطباعتها.
js-quota = تعذّر حفظ إجاباتك: مساحة التخزين في هذا المتصفح ممتلئة. يُرجى تصديرها أو طباعتها حتى لا يضيع شيء.
js-updated = تم تحديث الإجابات من علامة تبويب أخرى.

## Notes under the answers buttons: whether the browser keeps the answers,
## and whether they changed since the last export (an "Export them now"
## button follows that one).

js-kept = وافق هذا المتصفح على الاحتفاظ بإجاباتك.
js-may-delete = قد يحذف هذا المتصفح الإجابات التي يحتفظ بها لموقع لم تتم زيارته منذ مدة (يفعل Safari ذلك بعد ٧ أيام). احتياطًا، يُرجى تصدير نسخة منها.
js-unexported = لقد غيّرت إجابات منذ آخر تصدير لها.

## Exporting answers (status line). `file` is the name of the file saved,
## such as answers-2025-03-14.json.

js-exported = تم تصدير إجاباتك إلى { $file }.
js-exported-locked = تم تصدير إجاباتك، مشفّرة بعبارة مرورك، إلى { $file }.
js-export-failed = تعذّر تصدير الإجابات في هذا المتصفح. يُرجى طباعتها بدلًا من ذلك.

## Importing answers: what went wrong with the file (status line).

js-import-error-big = هذا الملف أكبر من أن يكون ملف إجابات من trellis. لم يتغير شيء.
js-import-error-json = هذا الملف تالف: ليس ملف إجابات كاملًا من trellis. لم يتغير شيء.
js-import-error-foreign = هذا الملف ليس ملف إجابات من trellis. لم يتغير شيء.
js-import-error-newer = هذا الملف من إصدار من trellis أحدث من الإصدار الذي يستخدمه هذا الموقع. لم يتغير شيء.
js-import-error-damaged = هذا الملف تالف: أجزاء منه مفقودة أو غير صحيحة. لم يتغير شيء.
js-import-error-passphrase = عبارة المرور هذه لا تفتح الملف. لم يتغير شيء.
js-import-error-read = تعذّرت قراءة هذا الملف. لم يتغير شيء.

## Importing answers: how it ended (status line).

js-import-nothing = لا يحتوي هذا الملف على أي إجابات. لم يتغير شيء.
js-import-cancelled = تم إلغاء الاستيراد. لم يتغير شيء.
js-import-failed = تعذّر حفظ الإجابات (ربما تكون مساحة التخزين في هذا المتصفح ممتلئة). لم يتغير شيء.
# `count` answers in `worksheets`, which is js-imported-worksheets.
js-imported = { $count ->
    [zero] تم استيراد { $count } إجابة في { $worksheets }.
    [one] تم استيراد إجابة واحدة في { $worksheets }.
    [two] تم استيراد إجابتين في { $worksheets }.
    [few] تم استيراد { $count } إجابات في { $worksheets }.
    [many] تم استيراد { $count } إجابة في { $worksheets }.
   *[other] تم استيراد { $count } إجابة في { $worksheets }.
}
# Put into js-imported as `worksheets`: write it as that sentence needs it
# (after "في": "في ٣ أوراق عمل", "في ورقتي عمل").
js-imported-worksheets = { $count ->
    [zero] { $count } ورقة عمل
    [one] ورقة عمل واحدة
    [two] ورقتي عمل
    [few] { $count } أوراق عمل
    [many] { $count } ورقة عمل
   *[other] { $count } ورقة عمل
}

## The import dialog: what the file holds, worksheet by worksheet, and the
## choice of what to do with it.

js-import-title = استيراد الإجابات
# `date` is the day the file was exported, such as "١٤ مارس ٢٠٢٥".
js-import-intro-dated = تم تصدير هذا الملف في { $date }، وهو يحتوي على:
js-import-intro = يحتوي هذا الملف على:
# One line per worksheet in the file: its title, how many answers it has
# there, and how that compares with this device's answers to it.
js-relation-new = { $count ->
    [zero] { $title }: { $count } إجابة، ليست على هذا الجهاز بعد
    [one] { $title }: إجابة واحدة، ليست على هذا الجهاز بعد
    [two] { $title }: إجابتان، ليستا على هذا الجهاز بعد
    [few] { $title }: { $count } إجابات، ليست على هذا الجهاز بعد
    [many] { $title }: { $count } إجابة، ليست على هذا الجهاز بعد
   *[other] { $title }: { $count } إجابة، ليست على هذا الجهاز بعد
}
js-relation-newer = { $count ->
    [zero] { $title }: { $count } إجابة، أحدث مما على هذا الجهاز
    [one] { $title }: إجابة واحدة، أحدث مما على هذا الجهاز
    [two] { $title }: إجابتان، أحدث مما على هذا الجهاز
    [few] { $title }: { $count } إجابات، أحدث مما على هذا الجهاز
    [many] { $title }: { $count } إجابة، أحدث مما على هذا الجهاز
   *[other] { $title }: { $count } إجابة، أحدث مما على هذا الجهاز
}
js-relation-older = { $count ->
    [zero] { $title }: { $count } إجابة، أقدم مما على هذا الجهاز
    [one] { $title }: إجابة واحدة، أقدم مما على هذا الجهاز
    [two] { $title }: إجابتان، أقدم مما على هذا الجهاز
    [few] { $title }: { $count } إجابات، أقدم مما على هذا الجهاز
    [many] { $title }: { $count } إجابة، أقدم مما على هذا الجهاز
   *[other] { $title }: { $count } إجابة، أقدم مما على هذا الجهاز
}
js-relation-same = { $count ->
    [zero] { $title }: { $count } إجابة، بالتاريخ نفسه الذي على هذا الجهاز
    [one] { $title }: إجابة واحدة، بالتاريخ نفسه الذي على هذا الجهاز
    [two] { $title }: إجابتان، بالتاريخ نفسه الذي على هذا الجهاز
    [few] { $title }: { $count } إجابات، بالتاريخ نفسه الذي على هذا الجهاز
    [many] { $title }: { $count } إجابة، بالتاريخ نفسه الذي على هذا الجهاز
   *[other] { $title }: { $count } إجابة، بالتاريخ نفسه الذي على هذا الجهاز
}
js-import-merge = الإضافة إلى ما هو موجود هنا (مع الاحتفاظ بالأحدث من كل ورقة عمل)
js-import-replace = استبدال كل شيء على هذا الجهاز
js-cancel = إلغاء

## The dialog asking for the passphrase of a locked file being imported.

js-passphrase-title = هذا الملف مقفل
js-passphrase-intro = تم تصدير هذا الملف بعبارة مرور. يُرجى إدخالها لفتح الملف.
js-passphrase-label = عبارة المرور
js-passphrase-open = فتح

## The passphrase lock: under the unlock and lock forms, and in the status
## line.

js-working = جارٍ التنفيذ…
js-unlock-first = يُرجى فتح قفل إجاباتك أولًا: بعدها يمكن تصديرها أو استيرادها أو تغييرها.
js-wrong-passphrase = عبارة المرور هذه لا تفتح هذه الإجابات. يُرجى المحاولة مرة أخرى.
js-unlocked = تم فتح القفل، وعادت إجاباتك إلى الحقول.
js-locked-now = تم القفل. إجاباتك مخفية حتى تُدخَل عبارة المرور.
js-lock-on = إجاباتك الآن مقفلة بعبارة مرورك. يُرجى تذكّرها: فبدونها لا يمكن لأحد فتح الإجابات، ولا حتى أنت.
js-lock-off = تمت إزالة القفل: عادت الإجابات على هذا الجهاز تُحفظ دون تشفير.
js-lock-mismatch = عبارتا المرور غير متطابقتين.
# `min` is the shortest passphrase allowed (8): "٨ أحرف".
js-lock-short = { $min ->
    [zero] يُرجى استخدام عبارة مرور من { $min } حرف على الأقل.
    [one] يُرجى استخدام عبارة مرور من حرف واحد على الأقل.
    [two] يُرجى استخدام عبارة مرور من حرفين على الأقل.
    [few] يُرجى استخدام عبارة مرور من { $min } أحرف على الأقل.
    [many] يُرجى استخدام عبارة مرور من { $min } حرفًا على الأقل.
   *[other] يُرجى استخدام عبارة مرور من { $min } حرف على الأقل.
}
js-lock-no-crypto = لا يستطيع هذا المتصفح التشفير، لذا فالقفل غير متاح هنا.

## A partner's answers brought in from their exported file. `column` is
## the label over the partner column, such as "الطرف الثاني". The question
## is asked in the browser's own confirmation box.

js-partner-none = لا يحتوي هذا الملف على إجابات لشريكك في ورقة العمل هذه. لم يتغير شيء.
js-partner-confirm = { $count ->
    [zero] وضع { $count } إجابة لشريكك في عمود «{ $column }»؟ سيُستبدل ما في هذا العمود الآن.
    [one] وضع إجابة واحدة لشريكك في عمود «{ $column }»؟ سيُستبدل ما في هذا العمود الآن.
    [two] وضع إجابتين لشريكك في عمود «{ $column }»؟ سيُستبدل ما في هذا العمود الآن.
    [few] وضع { $count } إجابات لشريكك في عمود «{ $column }»؟ سيُستبدل ما في هذا العمود الآن.
    [many] وضع { $count } إجابة لشريكك في عمود «{ $column }»؟ سيُستبدل ما في هذا العمود الآن.
   *[other] وضع { $count } إجابة لشريكك في عمود «{ $column }»؟ سيُستبدل ما في هذا العمود الآن.
}
js-partner-done = { $count ->
    [zero] تم وضع { $count } إجابة لشريكك في عمود «{ $column }».
    [one] تم وضع إجابة واحدة لشريكك في عمود «{ $column }».
    [two] تم وضع إجابتين لشريكك في عمود «{ $column }».
    [few] تم وضع { $count } إجابات لشريكك في عمود «{ $column }».
    [many] تم وضع { $count } إجابة لشريكك في عمود «{ $column }».
   *[other] تم وضع { $count } إجابة لشريكك في عمود «{ $column }».
}

## Clearing answers. The questions are asked in the browser's own
## confirmation box; the rest goes to the status line.

js-confirm-clear = مسح جميع إجابات ورقة العمل هذه على هذا الجهاز؟ لا يمكن التراجع عن ذلك. إن كان يهمك الاحتفاظ بها، فيُرجى تصديرها أو طباعتها أولًا.
js-cleared = تم مسح الإجابات من هذا الجهاز.
js-clear-cancelled = لم يُمسح أي شيء.
js-confirm-clear-all = مسح كل ما يحتفظ به trellis على هذا الجهاز: جميع الإجابات، وتقدّمك، والقفل؟ لا يمكن التراجع عن ذلك.
js-cleared-all = تم مسح كل ما كان trellis يحتفظ به على هذا الجهاز.

## The workbook's "Your answers" panel: what is kept on this device.

js-stored-none = لا توجد إجابات محفوظة على هذا الجهاز.
js-stored-locked = { $count ->
    [zero] على هذا الجهاز { $count } ورقة عمل فيها إجابات مقفلة.
    [one] على هذا الجهاز ورقة عمل واحدة فيها إجابات مقفلة.
    [two] على هذا الجهاز ورقتا عمل فيهما إجابات مقفلة.
    [few] على هذا الجهاز { $count } أوراق عمل فيها إجابات مقفلة.
    [many] على هذا الجهاز { $count } ورقة عمل فيها إجابات مقفلة.
   *[other] على هذا الجهاز { $count } ورقة عمل فيها إجابات مقفلة.
}
# One line per worksheet: its title and how many answers it has here.
js-stored-row = { $count ->
    [zero] { $title }: { $count } إجابة
    [one] { $title }: إجابة واحدة
    [two] { $title }: إجابتان
    [few] { $title }: { $count } إجابات
    [many] { $title }: { $count } إجابة
   *[other] { $title }: { $count } إجابة
}
# The same, with the day they were last saved, such as "١٤ مارس ٢٠٢٥".
js-stored-row-saved = { $count ->
    [zero] { $title }: { $count } إجابة، آخر حفظ في { $date }
    [one] { $title }: إجابة واحدة، آخر حفظ في { $date }
    [two] { $title }: إجابتان، آخر حفظ في { $date }
    [few] { $title }: { $count } إجابات، آخر حفظ في { $date }
    [many] { $title }: { $count } إجابة، آخر حفظ في { $date }
   *[other] { $title }: { $count } إجابة، آخر حفظ في { $date }
}

## Progress through the steps (progress.js).

js-progress-done = مكتملة
js-progress-continue = المتابعة مع الخطوة { $number }: { $title }
js-progress-marked = تم وضع علامة الإكمال على هذا الجهاز.
js-progress-unmarked = أُزيلت علامة الإكمال.
js-progress-confirm-reset = هل تريد نسيان الخطوات التي وضعت عليها علامة الإكمال على هذا الجهاز؟ تبقى إجاباتك كما هي.
js-progress-reset-done = تم مسح تقدّمك.

## Search (search.js).

js-search-results = { $count ->
    [zero] لا نتائج.
    [one] نتيجة واحدة. استخدم مفاتيح الأسهم للاختيار وEnter للفتح.
    [two] نتيجتان. استخدم مفاتيح الأسهم للاختيار وEnter للفتح.
    [few] { $count } نتائج. استخدم مفاتيح الأسهم للاختيار وEnter للفتح.
   *[other] { $count } نتيجة. استخدم مفاتيح الأسهم للاختيار وEnter للفتح.
}
js-search-none = لم يُعثر على شيء لـ«{ $query }».
js-search-loading = جارٍ تحميل البحث…
js-search-failed = تعذّر تحميل البحث.
