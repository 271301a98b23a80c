## Navigation and frame
nav-skip = الانتقال إلى المحتوى
nav-home = الرئيسية
nav-menu = القائمة
nav-main = التنقل الرئيسي
nav-shortcuts = اختصارات
nav-kanban = مسار المبيعات
nav-calendar = التقويم
nav-more = المزيد
nav-settings = الإعدادات
nav-sign-out = تسجيل الخروج
nav-crumbs = مسار التنقل

search-label = البحث في كل شيء
search-placeholder = بحث (Ctrl+K)
search-results = نتائج البحث
search-title = بحث
search-submit = بحث
search-more = عرض الكل
search-nothing = لا توجد نتائج مطابقة لـ«{ $q }».
lookup-none = لا توجد نتائج مطابقة

## Errors
error-not-found = هذه الصفحة غير موجودة
error-not-found-hint = ربما كُتب العنوان بشكل خاطئ، أو حُذف السجل أو لم تتم مشاركته معك.
error-forbidden = ليست لديك صلاحية الوصول إلى هذا
error-forbidden-hint = دورك لا يسمح بذلك. يمكن للمسؤول تغيير دورك إن احتجت إلى ذلك.
error-bad-request = تعذّر فهم هذا الطلب
error-bad-request-hint = ارجع وحاول مرة أخرى؛ وإن تكرر ذلك فأبلغ المسؤول.
error-server = حدث خطأ من جهتنا
error-server-hint = لم يتغير شيء. يُرجى المحاولة مرة أخرى بعد قليل.
error-go-home = الانتقال إلى الرئيسية
error-search = بحث
error-toast = لم تنجح العملية. لم يتغير شيء؛ يُرجى المحاولة مرة أخرى.
error-offline = تعذّر الوصول إلى الخادم. ما كتبته محفوظ في هذه الصفحة.

## Sign in and profile
login-title = تسجيل الدخول إلى Rapport
login-email = البريد الإلكتروني
login-password = كلمة المرور
login-submit = تسجيل الدخول
login-failed = البريد الإلكتروني وكلمة المرور لا يطابقان أي حساب نشط.
login-throttled = محاولات كثيرة جدًا. يُرجى الانتظار بضع دقائق قبل المحاولة مرة أخرى.

profile-title = ملفك الشخصي
profile-must-change = سجّلت الدخول بكلمة مرور لمرة واحدة. اختر كلمة مرور خاصة بك للمتابعة.
profile-preferences = التفضيلات
profile-name = الاسم
profile-locale = اللغة
profile-time-zone = المنطقة الزمنية
profile-password = كلمة المرور
profile-current-password = كلمة المرور الحالية
profile-new-password = كلمة المرور الجديدة
profile-password-help = 15 حرفًا على الأقل. عبارة مرور من عدة كلمات سهلة التذكر وصعبة التخمين.
profile-change-password = تغيير كلمة المرور

## Actions
action-save = حفظ
action-cancel = إلغاء
action-edit = تعديل
action-delete = حذف
action-close = إغلاق
keys-title = اختصارات لوحة المفاتيح
keys-search = البحث في كل شيء
keys-new = سجل جديد (في القائمة)
keys-edit = تعديل (في السجل)
keys-help = هذه الاختصارات
keys-close = إغلاق البحث أو هذه النافذة

## Values
value-yes = نعم
value-no = لا
value-empty = (فارغ)
record-not-shared = غير مُشارَك معك
choice-none = —
form-add-another = إضافة قيمة أخرى
part-first = الاسم الأول
part-last = اسم العائلة
part-street = الشارع
part-city = المدينة
part-postcode = الرمز البريدي
part-region = المنطقة
part-country = الدولة (الرمز)
part-amount = المبلغ
part-currency = العملة

## Field errors (by reason code)
field-invalid = هذه القيمة غير صالحة.
field-required = مطلوب.
field-wrong-type = نوع هذه القيمة غير صحيح.
field-too-long = طويل جدًا.
field-too-many = عناصر كثيرة جدًا.
field-out-of-range = خارج النطاق المسموح.
field-too-precise = عدد المنازل العشرية كبير جدًا.
field-not-an-email = ليس عنوان بريد إلكتروني.
field-not-a-phone = ليس رقم هاتف.
field-not-a-url = ليس عنوان ويب.
field-unknown-currency = رمز عملة غير معروف.
field-unknown-country = رمز دولة غير معروف.
field-unknown-option = ليس أحد الخيارات المتاحة.
field-not-a-date = ليس تاريخًا.
field-not-a-datetime = ليس تاريخًا ووقتًا.
field-not-a-uuid = اختر سجلًا من القائمة.
field-read-only = لا يمكن تغيير هذا الحقل.
field-duplicate = يحمل سجل آخر هذه القيمة بالفعل.
field-unknown-subfield = تحتوي هذه القيمة على جزء لا ينتمي إليها.
field-invalid-name = اسم غير صالح.
field-name-taken = هذا الاسم مستخدم بالفعل.
field-unknown-record = السجل المختار غير موجود أو لم تتم مشاركته معك.
field-unknown-field = حقل غير معروف.
field-unknown-object = كائن غير معروف.
field-in-use = لا تزال هناك سجلات تحمل الخيار «{ $value }»: لا يمكن إزالته.
field-invalid-option-value = لا يجوز أن تحتوي قيم الخيارات إلا على حروف وأرقام و_ و- (100 حرف على الأكثر).
field-not-a-select = لا توجد خيارات إلا لحقول الاختيار والاختيارات المتعددة.
field-used-by = يستخدم { $what } الخاص بالكائن هذا الحقل: غيّر ذلك أولًا.
field-weak = كلمة المرور هذه سهلة التخمين جدًا.
field-too-short = قصير جدًا.
field-breached = كلمة المرور هذه معروفة من تسريبات بيانات؛ اختر غيرها.
field-mismatch = القيمتان غير متطابقتين.

problem-forbidden = دورك لا يسمح بهذا.
problem-not-found = هذا السجل غير موجود أو لم تتم مشاركته معك.
problem-version-conflict = حفظ شخص آخر هذا السجل بعد أن فتحته.
problem-validation-failed = بعض القيم تحتاج إلى مراجعتك.
problem-invalid-credentials = كلمة المرور الحالية غير صحيحة.
problem-too-many-attempts = محاولات كثيرة جدًا. يُرجى الانتظار بضع دقائق قبل المحاولة مرة أخرى.

## Lists
list-new = جديد
list-search = بحث
list-filter = تصفية
list-apply = تطبيق
list-build-filter = منشئ عوامل التصفية
list-columns = الأعمدة
list-columns-legend = الأعمدة المعروضة
list-column-up = تحريك { $column } إلى الأعلى
list-column-down = تحريك { $column } إلى الأسفل
list-bad-view = لا يمكن عرض طريقة العرض هذه:
list-empty = أنشئ أول سجل هنا، وسيظهر مع كل ما يضيفه فريقك.
list-no-match = لا توجد سجلات تطابق هذا البحث أو عامل التصفية.
list-select-all = تحديد كل السجلات المعروضة
list-more = عرض المزيد
bulk-title = السجلات المحددة
bulk-confirm = تطبيق هذا على السجلات المحددة؟
bulk-confirm-delete = نقل السجلات المحددة إلى سلة المحذوفات؟
bulk-reassign = إعادة التعيين
bulk-owner = المالك الجديد
bulk-reassign-submit = إعادة تعيين المحدد
bulk-set = تعيين قيمة حقل
bulk-field = الحقل
bulk-set-submit = تعيين للمحدد
bulk-none-selected = حدّد سجلًا واحدًا على الأقل أولًا.
bulk-too-many = حدّد 500 سجل على الأكثر للإجراء الواحد.
bulk-choose-owner = اختر المالك الجديد.
bulk-choose-field = اختر حقلًا لتعيين قيمته.
bulk-choose-action = اختر ما تريد فعله بالسجلات المحددة.
bulk-selected = { $count ->
    [zero] لم يُحدَّد أي سجل
    [one] سجل واحد محدد
    [two] سجلان محددان
    [few] { $count } سجلات محددة
    [many] { $count } سجلًا محددًا
   *[other] { $count } سجل محدد
}
bulk-delete = حذف المحدد

## Record page
record-details = التفاصيل
section-main = نظرة عامة
section-contact = معلومات الاتصال
section-personal = معلومات شخصية
section-sales = المبيعات
record-fields = الحقول
record-new-title = إضافة { $object }
record-delete-confirm = نقل هذا السجل إلى سلة المحذوفات؟
record-conflict = حفظ شخص آخر هذا السجل أثناء تعديلك له.
cell-conflict = غيّر شخص آخر هذا الحقل في هذه الأثناء. احفظ مرة أخرى للإبقاء على قيمتك.
cell-conflict-value = غيّر شخص آخر هذا الحقل إلى «{ $value }» في هذه الأثناء. احفظ مرة أخرى للإبقاء على قيمتك.
conflict-title = عدّله شخص آخر
conflict-field = الحقل
conflict-theirs = المحفوظ الآن
conflict-yours = قيمتك
conflict-help = أبقِ على قيمك لحفظها بدلًا من قيمهم، أو اعتمد قيمهم للتخلي عن تغييراتك.
conflict-keep-mine = الإبقاء على قيمي والحفظ
conflict-take-theirs = اعتماد قيمهم
related-all = عرض الكل
related-new = إضافة
related-empty = لا يوجد شيء بعد.
quick-title = التسجيل والجدولة
quick-calls = تسجيل مكالمة
quick-notes = إضافة ملاحظة
quick-tasks = جدولة مهمة
quick-meetings = جدولة اجتماع
quick-attach = إرفاق ملف
attach-file = الملف
attach-help = حتى 64 ميغابايت. يُحفظ مع السجل ويظهر في خطه الزمني.
attach-choose-file = اختر ملفًا لإرفاقه.
attach-too-large = الملف كبير جدًا (64 ميغابايت على الأكثر).
quick-call-subject = مكالمة
timeline-title = الخط الزمني
timeline-empty = لم يحدث شيء هنا بعد. سجّل مكالمة أو أضف ملاحظة.
timeline-change = تغيير
timeline-changed = { $field }: { $old } ← { $new }
timeline-more = الأقدم
system-owner = المالك
system-team = الفريق

## Home
home-title = الرئيسية
home-greeting = مرحبًا، { $name }
home-tasks = المهام المستحقة
home-tasks-empty = لا توجد مهام مستحقة اليوم. أحسنت.
home-tasks-link = كل مهامي
home-meetings = اجتماعات اليوم
home-meetings-empty = لا توجد اجتماعات اليوم.
home-calendar = فتح التقويم
home-calls = مكالمات اليوم
home-calls-empty = لم تُسجَّل أي مكالمات اليوم.
home-reminders = التذكيرات
home-reminders-empty = لا توجد تذكيرات مستحقة.
home-board-opportunity = فرص البيع المفتوحة الخاصة بي
home-board-opportunity-empty = ليست لديك فرص بيع مفتوحة.
home-count = العدد
home-amount = المبلغ
home-board-opportunity-link = فتح مسار المبيعات
home-recent = المعروضة مؤخرًا
home-recent-empty = تظهر هنا السجلات التي تفتحها.
home-list-empty = لا شيء هنا بعد.
home-show-all = عرض الكل
home-open-board = فتح اللوحة

## Filter builder
builder-title = التصفية
builder-help = يجب أن تتحقق كل الشروط في المجموعة (كل ما يلي)، أو أي شرط منها (أي مما يلي)، أو ألا يتحقق أي منها (لا شيء مما يلي). يقبل «فارغ أو غير فارغ» القيمة null أو not_null؛ ويقبل «أحد القيم» قيمًا مفصولة بفواصل.
builder-group-and = كل ما يلي
builder-group-or = أي مما يلي
builder-group-not = لا شيء مما يلي
builder-switch = الكل / أي / لا شيء
builder-add = إضافة شرط
builder-add-group = إضافة مجموعة
builder-remove = إزالة
builder-remove-group = إزالة هذه المجموعة
builder-remove-condition = إزالة هذا الشرط
builder-field = الحقل
builder-choose-field = اختر حقلًا
builder-operator = العامل
builder-value = القيمة
builder-value-hint = قيمة، أو «me» (أنا)
builder-apply = تطبيق عامل التصفية
builder-bad-operator = اختر عاملًا.
builder-is-value = يقبل «فارغ أو غير فارغ» القيمة null أو not_null.
builder-too-large = لا يمكن استخدام عامل التصفية هذا:
builder-bad-list = اكتب القيم مفصولة بفواصل؛ وضع القيمة التي تحتوي على فاصلة بين علامتي تنصيص ("Smith, John").
op-eq = يساوي
op-neq = لا يساوي
op-gt = أكبر من
op-gte = لا يقل عن
op-lt = أصغر من
op-lte = لا يزيد على
op-in = أحد القيم
op-nin = ليس أيًّا من القيم
op-like = يطابق النمط
op-ilike = يطابق النمط، دون تمييز حالة الأحرف
op-contains = يحتوي على
op-startswith = يبدأ بـ
op-is = فارغ أو غير فارغ

## Saved views
views-title = طرق العرض
views-all = كل السجلات
views-shared = مشتركة
views-save = حفظ طريقة العرض
views-name = اسم طريقة العرض
views-share = مشاركة مع الجميع
views-save-submit = حفظ
views-update = تحديث طريقة العرض
views-delete = حذف طريقة العرض
views-delete-confirm = حذف طريقة العرض هذه؟ تبقى السجلات كما هي.
view-field-name = الاسم:
view-field-filter = عامل التصفية:
view-field-sort = الفرز:
view-field-columns = الأعمدة:
view-field-q = البحث:
list-count = { $count ->
    [zero] لا سجلات
    [one] سجل واحد
    [two] سجلان
    [few] { $shown } سجلات
    [many] { $shown } سجلًا
   *[other] { $shown } سجل
}
list-count-about = نحو { $shown } سجل
list-filter-code = رمز عامل التصفية
list-filter-code-help = لغة التصفية في الواجهة البرمجية للمستخدمين المتقدمين: الحقل[العامل]:القيمة، مفصولة بفواصل.
list-filter-active = عامل التصفية النشط
list-filter-clear = مسح عامل التصفية
filter-joiner-and = و
filter-joiner-or = أو
filter-joiner-not = ليس
list-empty-title = لا توجد { $objects } بعد
list-show-all = عرض كل السجلات
