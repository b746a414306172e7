# The words the default theme and trellis itself add to pages, in Arabic
# (العربية, Modern Standard Arabic), translated from
# `messages/en/theme.ftl`, which has the same message ids; a message
# missing here is taken from English (and `trellis check` warns, W011).
#
# Register: the reader is addressed neutrally. Buttons and links are verbal
# nouns (طباعة، تصدير), instructions use يُرجى + verbal noun or يمكنك, and
# no imperative, adjective or verb form marks the reader as man or woman
# (unvowelled ـك suffixes read either way). Sentences about doing something
# "together" address both partners in the dual (يمكنكما), which has one
# form for both genders. The partner is الشريك (generic), the two columns
# الطرف الأول / الطرف الثاني. Digits are Arabic-Indic (`trellis-numbers =
# arab`); digits written in the text itself are written that way too (١).
# Quotes: « ». Punctuation: ، ؛ ؟
# Plural categories (CLDR): zero, one, two, few (3–10), many (11–99),
# *other (100, 101, …). One and two are written with the noun alone
# (دقيقة واحدة، دقيقتان), as Arabic does, without the number.
#
# A guide can change any message: put a file such as `messages/ar.ftl` in
# the guide's folder with the messages to change, or set them under
# `[messages]` in guide.toml.
# Fluent syntax: https://projectfluent.org/fluent/guide/

## How the language is written. `trellis-numbers` picks the digits numbers
## are shown in (latn, arab, arabext, beng, deva, thai); `trellis-dir` may
## force `ltr` or `rtl` (by default it follows the language).

trellis-numbers = arab
# The language's name in itself, for the language switcher.
language-name = العربية

## The page frame (base.html).

skip-to-content = الانتقال إلى المحتوى الرئيسي
# The quick-exit button. For screen readers the hint follows it, after a
# space, as one phrase: "مغادرة هذا الموقع بسرعة (أو …)".
quick-exit = مغادرة هذا الموقع
quick-exit-hint = بسرعة (أو بالضغط على مفتاح Shift ثلاث مرات)
safety-link = الأمان والمساعدة
nav-label = الدليل
nav-steps = الخطوات
nav-the-steps = الخطوات
nav-before-you-begin = قبل البدء
nav-start-here = البداية من هنا
nav-worksheets = أوراق العمل
nav-all-worksheets = جميع أوراق العمل
nav-print-workbook = طباعة دفتر العمل
nav-more = المزيد
nav-languages = اللغات
breadcrumb-label = مسار التنقل
footer-by = من إعداد { $author }
# `link` is footer-safety-link as a link.
footer-safety = إن لم يكن بيتك آمنًا، فيُرجى الاطلاع أولًا على { $link }.
footer-safety-link = معلومات الأمان وطلب المساعدة
footer-made-with = صُنع باستخدام trellis

## Steps.

# "الخطوة ٢ من ٧", over the progress bar and in the navigation.
step-of = الخطوة { $number } من { $total }
# Before a step's title where the number is not shown otherwise.
step-number = الخطوة { $number }:
step-with-title = الخطوة { $number }: { $title }
step-kicker = الخطوة { $number }
reading-time = { $minutes ->
    [zero] مدة القراءة: نحو { $minutes } دقيقة
    [one] مدة القراءة: نحو دقيقة واحدة
    [two] مدة القراءة: نحو دقيقتين
    [few] مدة القراءة: نحو { $minutes } دقائق
    [many] مدة القراءة: نحو { $minutes } دقيقة
   *[other] مدة القراءة: نحو { $minutes } دقيقة
}
reading-time-short = { $minutes ->
    [zero] نحو { $minutes } دقيقة
    [one] نحو دقيقة واحدة
    [two] نحو دقيقتين
    [few] نحو { $minutes } دقائق
    [many] نحو { $minutes } دقيقة
   *[other] نحو { $minutes } دقيقة
}
worksheet-label = ورقة العمل:
step-worksheet-kicker = ورقة العمل الخاصة بهذه الخطوة
step-worksheet-note = يمكنكما ملؤها معًا على الشاشة، أو طباعتها والكتابة عليها باليد. تبقى الإجابات على هذا الجهاز.
step-worksheet-open = فتح ورقة العمل
pager-label = الخطوة السابقة والخطوة التالية
pager-prev = الخطوة السابقة
pager-next = الخطوة التالية
pager-last = كانت تلك الخطوة الأخيرة
pager-back-to-start = العودة إلى البداية
go-to-step-one = الانتقال إلى الخطوة ١: { $title }
toc-heading = في هذه الصفحة

## The home page.

home-start = البدء بالخطوة ١
home-print-workbook = طباعة دفتر العمل
home-safety-heading = سلامتك أولًا
# `link` is home-safety-link (the safety page's title) as a link.
home-safety-text = إذا كان لديك خوف من شريكك، أو لم يكن بيتك آمنًا، فيُرجى قراءة صفحة «{ $link }» قبل أي شيء آخر.
home-safety-link = الأمان والمساعدة
home-steps-heading = { $count ->
    [zero] { $count } خطوة
    [one] الخطوة
    [two] الخطوتان
    [few] { $count } خطوات
    [many] { $count } خطوة
   *[other] { $count } خطوة
}
home-worksheets-heading = أوراق العمل
home-worksheets-text = لكل خطوة ورقة عمل لتملآها معًا، على الشاشة أو على الورق. تُحفظ الإجابات في هذا المتصفح فقط، على هذا الجهاز.
home-worksheets-link = عرض كل أوراق العمل.

## Section pages.

# The titles of `content/steps/` and `content/worksheets/` when they have
# no `_index.md` of their own.
section-steps = الخطوات
section-worksheets = أوراق العمل
section-more = المزيد في هذا القسم
section-print-workbook = طباعة دفتر العمل
section-workbook-note = جميع أوراق العمل معًا، جاهزة للطباعة.

## Worksheet pages.

worksheet-kicker = ورقة عمل
# Followed by the steps that use the worksheet ("الخطوة ٦: …").
used-in = تُستخدم في
print-workbook-link = طباعة دفتر العمل
print-workbook-note = (جميع أوراق العمل معًا)
pdf-download = تنزيل PDF:
pdf-a4 = A4
pdf-letter = Letter
private-heading = ورقة العمل هذه لك وحدك
private-text = يمكن لأي شخص آخر يستخدم هذا الجهاز أن يفتح هذه الصفحة ويقرأ ما تكتبه. اقفل إجاباتك بعبارة مرور، أو اكتب على الورق، أو استخدم جهازًا لا يستخدمه غيرك.
private-set-lock = إعداد قفل
private-leaving = مغادرة الموقع بسرعة

## The answers bar on a worksheet page.

answers-label = إجاباتك
answers-note = تُحفظ إجاباتك في هذا المتصفح فقط، على هذا الجهاز. لا يُرسل أي شيء إلى أي مكان.
answers-print = طباعة ورقة العمل هذه
answers-export = تصدير الإجابات
answers-import = استيراد الإجابات
answers-import-partner = إضافة إجابات شريكك
answers-lock-now = القفل الآن
answers-clear = مسح الإجابات من هذا الجهاز
# A button after js-unexported ("You have changed answers since …").
answers-export-now = تصديرها الآن
answers-manage = ما يُحفظ، وقفل عبارة المرور، ومسح كل شيء
answers-noscript = عند تعطيل JavaScript لا تُحفظ الإجابات المكتوبة هنا، لكن يمكنك ملء هذه الصفحة وطباعتها.

## Unlocking answers.

unlock-title = إجاباتك مقفلة.
unlock-text = يُرجى إدخال عبارة المرور لعرضها وتغييرها.
unlock-passphrase = عبارة المرور
unlock-button = فتح القفل

## The answers panel on the workbook page.

panel-heading = إجاباتك على هذا الجهاز
panel-intro = كل ما يُكتب في أوراق العمل يُحفظ في هذا المتصفح فقط، على هذا الجهاز. لا يُرسل أي شيء إلى أي مكان. المحفوظ هنا الآن:
panel-print = طباعة دفتر العمل
panel-export = تصدير جميع الإجابات
panel-import = استيراد الإجابات
panel-help = ملف التصدير ملف واحد يضم إجابات جميع أوراق العمل والخطوات التي أشرت إلى إتمامها. يمكنك حفظه في مكان خاص، أو نقله إلى جهاز آخر واستيراده هناك. عند الاستيراد يُعرض محتوى الملف أولًا، ثم يمكنك إضافته إلى ما هو موجود هنا أو استبدال كل شيء به.
lock-heading = قفل بعبارة مرور
# `minutes` is how long the lock waits (5). The quoted button is lock-now.
lock-intro = على هاتف أو حاسوب يستخدمه شخص آخر أيضًا، يمكنك قفل إجاباتك. عندها تُحفظ مشفّرة: أي شخص يفتح هذا الموقع على هذا الجهاز لن يرى شيئًا حتى تُدخَل عبارة المرور. يُغلق القفل من جديد بعد { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } دون استخدام، وعند الضغط على «القفل الآن»، وعند إغلاق علامة التبويب. وتُشفَّر الملفات المصدَّرة بعبارة المرور نفسها.
# `emphasis` is lock-no-recovery-emphasis, shown in bold.
lock-no-recovery = { $emphasis }، ولا حتى لمن أنشؤوا هذا الموقع: فهم لا يرونها أبدًا.
lock-no-recovery-emphasis = لا توجد أي طريقة لاستعادة الإجابات دون عبارة المرور
# `link` is lock-limits-link (a section of the safety page) as a link.
lock-limits = لا يحمي القفل من شخص ينظر بينما إجاباتك مفتوحة، ولا من تطبيق تتبّع على الجهاز، ولا من شخص يعرف عبارة مرورك أو يخمّنها، ولا من النسخ المطبوعة، ولا يُخفي أنك زرت هذا الموقع (بشأن سجل المتصفح، يُرجى الاطلاع على قسم «{ $link }»).
lock-limits-link = مغادرة هذا الموقع بسرعة
lock-passphrase = عبارة المرور
lock-passphrase-again = عبارة المرور نفسها مرة أخرى
lock-button = قفل إجاباتي
lock-on = إجاباتك مقفلة بعبارة مرور.
lock-now = القفل الآن
lock-off = إزالة القفل
clear-heading = مسح كل شيء
clear-text = إزالة جميع الإجابات وعلامات إتمام الخطوات والقفل من هذا المتصفح. لا يمكن التراجع عن ذلك: يُرجى أولًا تصدير أو طباعة كل ما يهمك الاحتفاظ به.
clear-button = مسح كل شيء على هذا الجهاز

## The workbook.

workbook-title = دفتر العمل
workbook-note = { $count ->
    [zero] جميع أوراق عمل الدليل، وعددها { $count }، بترتيب الخطوات. يمكنكما طباعته وملؤه باليد معًا، أو كتابة الإجابات هنا أولًا: فكل ما كُتب على هذا الجهاز يُطبع مكان الأسطر الفارغة.
    [one] ورقة العمل الخاصة بالدليل. يمكنكما طباعته وملؤه باليد معًا، أو كتابة الإجابات هنا أولًا: فكل ما كُتب على هذا الجهاز يُطبع مكان الأسطر الفارغة.
    [two] ورقتا عمل الدليل، بترتيب الخطوات. يمكنكما طباعته وملؤه باليد معًا، أو كتابة الإجابات هنا أولًا: فكل ما كُتب على هذا الجهاز يُطبع مكان الأسطر الفارغة.
    [few] جميع أوراق عمل الدليل، وعددها { $count }، بترتيب الخطوات. يمكنكما طباعته وملؤه باليد معًا، أو كتابة الإجابات هنا أولًا: فكل ما كُتب على هذا الجهاز يُطبع مكان الأسطر الفارغة.
    [many] جميع أوراق عمل الدليل، وعددها { $count }، بترتيب الخطوات. يمكنكما طباعته وملؤه باليد معًا، أو كتابة الإجابات هنا أولًا: فكل ما كُتب على هذا الجهاز يُطبع مكان الأسطر الفارغة.
   *[other] جميع أوراق عمل الدليل، وعددها { $count }، بترتيب الخطوات. يمكنكما طباعته وملؤه باليد معًا، أو كتابة الإجابات هنا أولًا: فكل ما كُتب على هذا الجهاز يُطبع مكان الأسطر الفارغة.
}
workbook-contents = المحتويات
workbook-open-sheet = فتح ورقة العمل هذه في صفحة مستقلة

## The page for unknown addresses (404).

not-found-title = الصفحة غير موجودة
not-found-heading = لم نعثر على هذه الصفحة
not-found-lead = ربما يكون الرابط قديمًا، أو ربما يوجد خطأ في كتابة العنوان.
not-found-home = الانتقال إلى بداية «{ $title }»
not-found-steps = الخطوات
not-found-other = صفحات أخرى
not-found-workbook = دفتر العمل القابل للطباعة

## Worksheet blocks, in the page itself (and in print).

# The two columns of a `partners` block and the signers of a `signature`
# block, unless guide.toml sets `partner_labels`.
partner-a = الطرف الأول
partner-b = الطرف الثاني
ws-signatures = التوقيعات
ws-signature-name = الاسم
ws-signature-date = التاريخ
ws-signature-line = التوقيع
ws-sign-on-paper = للتوقيع على الورق
# How a scale describes its ends to screen readers: "١ يعني أبدًا".
ws-scale-means = { $number } يعني { $label }
ws-scale-separator = {"؛ "}

## Progress through the steps.

progress-mark = أنهيت هذه الخطوة
progress-reset = مسح تقدّمي

## Search.

search-open = بحث
search-label = البحث في هذا الدليل
search-close = إغلاق

## Worksheet cards and the end of a worksheet page.

worksheet-prompts = { $count ->
    [zero] لا شيء لملئه
    [one] بند واحد لملئه
    [two] بندان لملئهما
    [few] { $count } بنود لملئها
   *[other] { $count } بندًا لملئها
}
worksheet-back = العودة إلى الخطوة
worksheet-onward = العودة إلى الخطوة والمتابعة
