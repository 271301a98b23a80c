## المشكلات: ردود الأخطاء في واجهة API ورفض الطلبات في الصفحات.

problem-title-400 = طلب غير صالح
problem-title-401 = يلزم تسجيل الدخول
problem-title-403 = غير مسموح
problem-title-404 = غير موجود
problem-title-405 = الطريقة غير مسموح بها
problem-title-409 = تعارض
problem-title-413 = الطلب كبير جدًا
problem-title-415 = نوع محتوى غير مدعوم
problem-title-422 = محتوى غير قابل للمعالجة
problem-title-428 = يلزم شرط مسبق
problem-title-429 = طلبات كثيرة جدًا
problem-title-500 = خطأ داخلي في الخادم
problem-title-503 = الخدمة غير متاحة

## جمل عامة، لحالات الرفض التي لا تحمل تفاصيل
problem-unknown-field = لا يوجد حقل بهذا الاسم.
problem-invalid-filter = عامل التصفية مكتوب بصيغة غير صحيحة.
problem-invalid-cursor = مؤشر الصفحة غير صالح لهذه القائمة.
problem-not-sortable = لا يمكن ترتيب القائمة حسب هذا الحقل.
problem-invalid-operator = هذا العامل لا ينطبق على الحقل.
problem-invalid-filter-value = إحدى قيم عامل التصفية لا تناسب حقلها.
problem-unauthenticated = سجّل الدخول أولًا: الجلسة أو الرمز المميز مفقود أو منتهي الصلاحية أو ملغى.
problem-password-change-required = سُجّل الدخول إلى هذا الحساب بكلمة مرور لمرة واحدة: غيّر كلمة المرور أولًا (POST /api/v1/me/password)، ثم حاول مرة أخرى.
problem-unknown-object = لا يوجد كائن بهذا الاسم.
problem-schema-changed = تغيّرت البيانات الوصفية أثناء تنفيذ الطلب؛ حاول مرة أخرى.
problem-not-empty = قاعدة البيانات تحتوي على بيانات بالفعل.
problem-last-administrator = لن يبقى بذلك أي مسؤول نشط.
problem-file-too-large = الملف كبير جدًا.
problem-rate-limited = أرسل رمز API المميز هذا طلبات كثيرة جدًا؛ حاول مرة أخرى بعد قليل.
problem-database-unavailable = قاعدة البيانات غير متاحة؛ حاول مرة أخرى بعد قليل.
problem-internal-error = تعذّر على الخادم الرد على هذا الطلب.
problem-partly-written = لم يُكتب سوى جزء من العناصر قبل حدوث الخطأ.
problem-database-error = تعذّر على الخادم الرد على هذا الطلب.
problem-file-store-failed = تعذّر على الخادم الرد على هذا الطلب.
problem-export-failed = تعذّر على الخادم الرد على هذا الطلب.
problem-migration-failed = تعذّر على الخادم الرد على هذا الطلب.
problem-csrf-failed = لم يأتِ الطلب من صفحة من صفحات هذا الموقع، أو أن رمز CSRF مفقود أو غير صحيح.
problem-read-only-token = رمز API المميز هذا للقراءة فقط: لا يمكنه تغيير أي شيء.
problem-method-not-allowed = هذا العنوان لا يقبل هذه الطريقة.
problem-malformed-json = نص الطلب ليس JSON صالحًا.
problem-invalid-body = نص الطلب ليس بالشكل الذي تقبله هذه العملية.
problem-unsupported-media-type = يجب أن يكون نص الطلب بصيغة JSON (Content-Type: application/json).
problem-body-too-large = نص الطلب كبير جدًا.
problem-unreadable-body = تعذّرت قراءة نص الطلب.
problem-version-required = اذكر الإصدار الذي قرأته (الحقل version أو الترويسة If-Match).
problem-unknown-relation = لا توجد قائمة سجلات مرتبطة بهذا الاسم.

## التفاصيل مع بيانات الخطأ
detail-validation-failed = { $count ->
    [zero] لا توجد قيم غير صالحة
    [one] قيمة غير صالحة
    [two] قيمتان غير صالحتين
    [few] { $count } قيم غير صالحة
    [many] { $count } قيمة غير صالحة
   *[other] { $count } قيمة غير صالحة
}: { $list }
detail-field = { $field }: { $message }
detail-list-separator = { "؛ " }
detail-unknown-field = لا يحتوي الكائن `{ $object }` على الحقل `{ $field }`.
detail-invalid-filter = في عامل التصفية خطأ عند الحرف رقم { $position }: { $problem }.
detail-invalid-cursor = مؤشر الصفحة غير صالح لهذه القائمة.
detail-not-sortable = لا يمكن الترتيب حسب الحقل `{ $field }` (ليس له فهرس).
detail-invalid-operator = العامل `{ $op }` لا ينطبق على الحقل `{ $field }`.
detail-invalid-filter-value = الحقل `{ $field }`: القيمة `{ $value }` ليست { $expected }.
detail-unauthenticated = سجّل الدخول أولًا (الجلسة أو الرمز المميز مفقود أو منتهي الصلاحية أو ملغى).
detail-invalid-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة.
detail-forbidden = { $action ->
    [read] لا يحق لك قراءة
    [create] لا يحق لك إنشاء
    [edit] لا يحق لك تعديل
    [change] لا يحق لك تغيير
    [delete] لا يحق لك حذف
    [remove] لا يحق لك إزالة
    [export] لا يحق لك تصدير
    [administer] لا يحق لك إدارة
   *[other] لا يحق لك تنفيذ «{ $action }» على
} سجلات الكائن `{ $object }`.
detail-password-change-required = سُجّل الدخول إلى هذا الحساب بكلمة مرور لمرة واحدة: غيّر كلمة المرور أولًا (POST /api/v1/me/password)، ثم حاول مرة أخرى.
detail-not-found = لم يُعثر على السجل { $id } من الكائن `{ $object }`.
detail-unknown-object = كائن غير معروف: `{ $object }`.
detail-version-conflict = غيّر شخص آخر السجل { $id } من الكائن `{ $object }`: قرأتَ الإصدار { $expected }، وهو الآن في الإصدار { $actual }.
detail-schema-changed = تغيّرت البيانات الوصفية أثناء تنفيذ الطلب؛ حاول مرة أخرى.
detail-not-empty = لا يمكن تحميل بيانات العرض التوضيحي إلا في قاعدة بيانات فارغة (وهذه تحتوي بالفعل على { $people ->
    [zero] { $people } شخص
    [one] شخص واحد
    [two] شخصين
    [few] { $people } أشخاص
    [many] { $people } شخصًا
   *[other] { $people } شخص
}).
detail-last-administrator = لن يبقى بذلك أي مسؤول نشط.
detail-file-too-large = حجم الملف أكبر من { $max } بايت.
detail-too-many-attempts = محاولات فاشلة كثيرة جدًا؛ حاول مرة أخرى بعد { $retry_after_secs ->
    [zero] لحظات
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $retry_after_secs } ثوانٍ
    [many] { $retry_after_secs } ثانية
   *[other] { $retry_after_secs } ثانية
}.
detail-rate-limited = أرسل رمز API المميز هذا طلبات كثيرة جدًا؛ حاول مرة أخرى بعد { $retry_after_secs } ث.
detail-database-unavailable = قاعدة البيانات غير متاحة؛ حاول مرة أخرى بعد قليل.
detail-internal-error = تعذّر على الخادم الرد على هذا الطلب.
detail-partly-written = كُتب { $written } من أصل { $total } عنصر قبل هذا الخطأ ({ $cause }).

## حقل مرفوض: السبب مع التفاصيل
reason-required = مطلوب.
reason-wrong-type = يجب أن تكون القيمة { $expected }.
reason-too-long = أطول من { $max ->
    [zero] { $max } حرف
    [one] حرف واحد
    [two] حرفين
    [few] { $max } أحرف
    [many] { $max } حرفًا
   *[other] { $max } حرف
}.
reason-too-many = يتجاوز الحد الأقصى لعدد العناصر ({ $max }).
reason-too-short = قصيرة جدًا: استخدم { $min ->
    [zero] { $min } حرف
    [one] حرفًا واحدًا
    [two] حرفين
    [few] { $min } أحرف
    [many] { $min } حرفًا
   *[other] { $min } حرف
} على الأقل (بضع كلمات لا رابط بينها خيار جيد).
reason-out-of-range = يجب أن تكون بين { $min } و{ $max }.
reason-too-precise = فيها أكثر من { $scale ->
    [zero] { $scale } منزلة عشرية
    [one] منزلة عشرية واحدة
    [two] منزلتين عشريتين
    [few] { $scale } منازل عشرية
    [many] { $scale } منزلة عشرية
   *[other] { $scale } منزلة عشرية
}.
reason-not-an-email = ليس عنوان بريد إلكتروني.
reason-not-a-phone = ليس رقم هاتف.
reason-not-a-url = ليس عنوان ويب (http أو https).
reason-unknown-currency = ليس رمز عملة وفق ISO 4217.
reason-unknown-country = ليس رمز دولة وفق ISO 3166.
reason-unknown-option = لا يوجد خيار `{ $value }`.
reason-not-a-date = ليس تاريخًا (YYYY-MM-DD).
reason-not-a-datetime = ليس تاريخًا ووقتًا وفق RFC 3339.
reason-not-a-uuid = ليس معرّف سجل (UUID).
reason-read-only = لا يمكن الكتابة فيه.
reason-duplicate = هذه القيمة تخص سجلًا آخر بالفعل.
reason-unknown-subfield = لا يحتوي على جزء `{ $name }`.
reason-invalid-name = يجب أن يتكوّن من حروف لاتينية صغيرة وأرقام و_ وأن يبدأ بحرف (48 حرفًا على الأكثر).
reason-name-taken = مستخدم بالفعل.
reason-unknown-record = يشير إلى سجل غير موجود.
reason-unknown-field = غير موجود في هذا الكائن.
reason-unknown-object = يشير إلى كائن `{ $name }` غير موجود.
reason-malformed = لا يمكن استخدامه: { $detail }
reason-in-use = لا يمكن إزالة الخيار `{ $value }`: لا تزال هناك سجلات تحمله.
reason-invalid-option-value = لا يجوز أن تحتوي قيم الخيارات إلا على حروف وأرقام و_ و- (100 حرف على الأكثر).
reason-not-a-select = ليست له خيارات: الخيارات لحقول الاختيار والاختيارات المتعددة فقط.
reason-used-by = يستخدمه `{ $what }` الخاص بالكائن: غيّر ذلك أولًا.
reason-common-password = كلمة المرور هذه من أكثر كلمات المرور شيوعًا؛ اختر غيرها.
reason-predictable-password = كلمة المرور هذه حرف مكرر أو تسلسل بسيط؛ اختر غيرها.
reason-contains-personal-info = يجب ألا تحتوي كلمة المرور على اسمك أو على الاسم الوارد في عنوان بريدك الإلكتروني.
reason-invalid-filter = خطأ عند الحرف رقم { $position }: { $problem }.
reason-invalid-order-by = خطأ عند الحرف رقم { $position }: { $problem }.

## رفض حقل واحد دون تفاصيل
field-ambiguous-relation = تؤدي إلى هناك أكثر من علاقة واحدة: صفِّ الكائن المرتبط بدلًا من ذلك.
field-batch-size = عدد العناصر في الطلب الواحد كبير جدًا أو صغير جدًا.
field-conflicting = هذه القيم يناقض بعضها بعضًا.
field-malformed-query = تعذّرت قراءة سلسلة الاستعلام.
field-nul-character = لا يجوز أن يحتوي النص على محارف NUL.
field-invalid-utf8 = النص ليس UTF-8 صالحًا.
field-not-a-relation = ليس حقل علاقة.
field-repeated = أُعطي أكثر من مرة.
field-unknown-parameter = معامل غير معروف.
field-invalid-credentials = كلمة المرور غير صحيحة.

## ما الخطأ في نص التصفية أو الترتيب
filter-expected-filter = كان المتوقع عامل تصفية مثل `name[eq]:value` أو `and(...)`
filter-expected-end = كان المتوقع نهاية عامل التصفية
filter-too-large = عامل التصفية كبير جدًا ({ $conditions } شرط، { $values } قيمة؛ الحد الأقصى { $max_conditions } و{ $max_values })
filter-too-deep = عامل التصفية متداخل لأكثر من { $max } مستوى
filter-unknown-combinator = أداة ربط غير معروفة `{ $name }`: المتوقع and أو or أو not
filter-not-takes-one = تقبل `not` عامل تصفية واحدًا بالضبط
filter-needs-filter = تحتاج `{ $name }` إلى عامل تصفية واحد على الأقل
filter-expected-not-close = كان المتوقع `)` بعد عامل التصفية داخل `not(`
filter-expected-comma-or-close = كان المتوقع `,` أو `)`
filter-expected-open-bracket = كان المتوقع `[` بعد اسم الحقل
filter-expected-close-bracket = كان المتوقع `]` بعد العامل
filter-expected-colon = كان المتوقع `:` بعد `]`
filter-expected-path-part = كان المتوقع اسم حقل بعد `.`
filter-expected-operator = كان المتوقع عامل مثل `eq` بعد `[`
filter-unknown-operator = عامل غير معروف `{ $op }`
filter-needs-list = يحتاج العامل `{ $op }` إلى قائمة مثل [a,b]
filter-one-value = يقبل العامل `{ $op }` قيمة واحدة لا قائمة
filter-is-takes-null = يقبل العامل `is` القيمة null أو not_null
filter-expected-comma-or-list-end = كان المتوقع `,` أو `]` داخل القائمة
filter-expected-value = كان المتوقع قيمة
filter-unknown-escape = تسلسل هروب غير معروف `\{ $escape }`: المسموح \" و\\ فقط
filter-unclosed-quote = كان المتوقع `"` لإغلاق علامة الاقتباس المفتوحة عند الحرف رقم { $open }
filter-sort-expected-close = كان المتوقع `]`
filter-not-a-field-name = `{ $name }` ليس اسم حقل
filter-unknown-direction = اتجاه غير معروف `{ $direction }`
filter-sorted-twice = الترتيب حسب `{ $name }` مذكور مرتين
filter-too-many-sort-keys = الحد الأقصى { $max } من مفاتيح الترتيب

## ما كان يجب أن تكون عليه القيمة
expected-text = نصًا
expected-text-without-nul-characters = نصًا بلا أحرف NUL
expected-an-integer = عددًا صحيحًا
expected-true-or-false = true أو false
expected-an-option = خيارًا
expected-a-list-of-options = قائمة خيارات
expected-a-list = قائمة
expected-a-decimal-number = عددًا عشريًا
expected-an-object-with-amount-and-currency = كائنًا فيه المبلغ (amount) والعملة (currency)
expected-a-handle-or-address = اسم مستخدم أو عنوانًا
expected-an-object-with-value-label-primary = كائنًا فيه value وlabel وprimary
expected-text-or-an-object = نصًا أو كائنًا
expected-an-object = كائنًا
expected-a-unique-field = حقلًا فريدًا
expected-a-file-name-without-or-control-characters = اسم ملف بلا / أو \ أو أحرف تحكم
expected-a-date-yyyy-mm-dd = تاريخًا (YYYY-MM-DD)
expected-a-date-and-time-rfc-3339 = تاريخًا ووقتًا (RFC 3339)
expected-a-number = عددًا
expected-a-number-in-the-field-s-range = عددًا ضمن نطاق الحقل
expected-a-number-with-no-more-decimal-places-than-the-field-keeps = عددًا لا تزيد منازله العشرية على ما يحفظه الحقل
expected-a-record-id-or-me = معرّف سجل أو `me`
expected-an-amount-in-range = مبلغًا ضمن النطاق المسموح
expected-an-amount-with-no-more-decimal-places-than-the-field-keeps = مبلغًا لا تزيد منازله العشرية على ما يحفظه الحقل
expected-one-of-the-field-s-options = أحد خيارات الحقل
