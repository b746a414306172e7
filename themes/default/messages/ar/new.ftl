# The starter guide `trellis new DIR --language ar` writes, in Arabic
# (العربية, Modern Standard Arabic), translated from `messages/en/new.ftl`,
# which has the same message ids: text for the author to replace. Worksheet
# block ids and file names stay as they are (they are not shown to
# readers).
#
# Register as in theme.ftl: the reader is addressed neutrally (يُرجى + verbal
# noun, يمكنك, nouns; checklist items are verbal nouns), never as man or
# woman. worksheet = ورقة العمل. Digits written in the text are
# Arabic-Indic (١), as `trellis-numbers = arab` shows the others.
# `{ $link }` becomes a Markdown link whose text is the matching
# `*-link-text` message. Titles, summaries and the description go into
# TOML front matter: keep them free of short vowels, tanwin and shadda
# (combining marks) and of invisible characters.
# Fluent syntax: https://projectfluent.org/fluent/guide/

new-guide-title = دليلي
new-guide-description = دليل خطوة بخطوة تم إنشاؤه باستخدام trellis.
new-home-summary = الغرض من هذا الدليل، في جملة واحدة.
new-home-text = مرحبًا. يتكون هذا الدليل من خطوتين. يُرجى قراءة كل خطوة، ثم ملء ورقة العمل الخاصة بها.
new-step-one-title = البداية
new-step-one-summary = الخطوة الأولى.
new-step-one-heading = ما المطلوب
new-step-one-text = يُرجى هنا كتابة ما تطلبه هذه الخطوة ممن يقرؤها.
new-step-one-link = عندما يحين الوقت، يمكنك فتح { $link }.
new-step-one-link-text = ورقة العمل الأولى
new-step-two-title = المتابعة
new-step-two-summary = الخطوة الثانية.
new-step-two-heading = ما المطلوب بعد ذلك
new-step-two-text = تُرتَّب الخطوات حسب الرقم الذي يبدأ به اسم ملف كل منها.
new-step-two-link = يمكنك الرجوع إلى { $link } في أي وقت.
new-step-two-link-text = الخطوة ١
new-worksheet-title = ورقة العمل الأولى
new-worksheet-summary = يمكن ملؤها على الشاشة أو طباعتها.
new-worksheet-text = تبقى الإجابات المكتوبة هنا في هذا المتصفح، على هذا الجهاز.
new-worksheet-date = التاريخ
new-worksheet-thoughts = ما الذي يشغل بالك في هذه البداية؟
new-worksheet-low = لا على الإطلاق
new-worksheet-high = تمامًا
new-worksheet-ready = ما مدى شعورك بالاستعداد؟
new-worksheet-task-read = قراءة الخطوة ١
new-worksheet-task-talk = مناقشة الأمر معًا
