## Settings (administrators)
settings-title = الإعدادات
settings-nav = أقسام الإعدادات
settings-saved = تم الحفظ.
settings-objects = الكائنات والحقول
settings-objects-hint = أنواع السجلات التي يحتفظ بها Rapport وحقولها: أضف كائنات وحقولًا مخصصة، وأعد تسميتها، وأخفها، وأعد ترتيبها.
settings-users = المستخدمون
settings-users-hint = من يسجّل الدخول، وبأي أدوار وفرق؛ إضافة المستخدمين، وكلمات المرور لمرة واحدة، والتعطيل.
settings-teams = الفرق
settings-teams-hint = مجموعات من المستخدمين؛ يمكن أن يتيح الدور لمستخدميه الوصول إلى سجلات فريقهم.
settings-roles = الأدوار والصلاحيات
settings-roles-hint = ما يمكن لكل دور فعله بكل كائن، والحقول التي يراها.
settings-boards = مسارات المبيعات والمراحل
settings-boards-hint = عمليات البيع التي تمر بها فرص البيع، ومراحلها.

## Common words
settings-api-name = اسم API
settings-api-name-help = حروف لاتينية صغيرة وأرقام وشرطات سفلية، ويبدأ بحرف. تستخدمه البرامج وعوامل التصفية وعمليات الاستيراد.
settings-api-name-suggested = إن تُرك فارغًا، فسيكون { $name }.
settings-api-name-rename-help = إعادة تسميته تعطّل البرامج وعوامل التصفية المحفوظة وعمليات الاستيراد التي تستخدم الاسم القديم.
settings-standard-name-help = يظهر بلغتك باسم «{ $name }». والاسم الذي تكتبه هنا يحل محله في كل اللغات.
settings-api-name-standard = تستخدم قواعد Rapport نفسها هذا الاسم، لذا لا يمكن تغييره.
settings-api-name-taken = يستخدم كائن آخر اسم API هذا بالفعل.
settings-field-api-name-taken = يستخدم حقل آخر في هذا الكائن اسم API هذا بالفعل.
settings-kind = النوع
settings-standard = قياسي
settings-custom = مخصص
settings-hidden = مخفي
settings-hide = إخفاء
settings-unhide = إظهار مجددًا
settings-hide-named = إخفاء { $name }
settings-unhide-named = إظهار { $name } مجددًا
settings-move-up = لأعلى
settings-move-down = لأسفل
settings-move-up-named = تحريك { $name } لأعلى
settings-move-down-named = تحريك { $name } لأسفل
settings-remove = إزالة
settings-actions = الإجراءات
settings-status = الحالة
settings-not-a-number = أدخل عددًا صحيحًا.
settings-last-admin = يحتاج Rapport إلى مسؤول نشط واحد على الأقل، وهذا التغيير لن يُبقي أي مسؤول. اجعل شخصًا آخر مسؤولًا أولًا.

## Objects
settings-objects-all = كل الكائنات
settings-object = الكائن
settings-field-count = الحقول
settings-object-new = كائن مخصص جديد
settings-object-label = اسم السجل بصيغة المفرد
settings-object-label-help = مثلًا «مشروع»؛ ويأتي اسم الجمع بعده.
settings-object-label-plural = اسم السجلات بصيغة الجمع
settings-object-create = إنشاء الكائن
settings-object-name-field = الاسم
settings-object-names = الأسماء
settings-object-open = فتح القائمة
settings-object-hide = إخفاء هذا الكائن
settings-object-unhide = إظهار هذا الكائن مجددًا
settings-object-hide-confirm = إخفاء هذا الكائن؟ تبقى سجلاته، لكن لا يصل إليها إلا المسؤولون حتى يُظهَر مجددًا.
settings-object-hide-help = يحتفظ الكائن المخفي بسجلاته؛ ولا يصل إليها إلا المسؤولون.
settings-fields = الحقول
settings-field-add = إضافة حقل
settings-field-added = أُضيف الحقل. وهو الآن متاح في النماذج والقوائم وعوامل التصفية وواجهة API.
settings-field-label = التسمية
settings-type = النوع
settings-flags = الخصائص
settings-section = القسم
settings-section-help = العنوان الذي يظهر الحقل تحته في صفحات السجلات. اختر عنوانًا أو اكتب عنوانًا جديدًا؛ وتركه فارغًا يعني «التفاصيل».
settings-flag-required = مطلوب
settings-flag-unique = فريد
settings-flag-indexed = قابل للفرز
settings-flag-searchable = قابل للبحث
settings-flag-read-only = يعيّنه Rapport
settings-flag-indexed-long = قابل للفرز (يمكن فرز القوائم وتقسيمها إلى صفحات حسبه)
settings-flag-unique-long = فريد (لا يجوز أن يحمل سجلان القيمة نفسها)
settings-flag-searchable-long = قابل للبحث (يظهر في نتائج البحث)
settings-field-hide-confirm = إخفاء هذا الحقل؟ تبقى قيمه، لكنه لا يُعرض ولا يُغيَّر حتى يُظهَر مجددًا.
settings-label-field-stays = هذا الحقل يسمّي السجلات، لذا يبقى ظاهرًا.

## Field types
settings-type-text = نص
settings-type-long-text = نص طويل
settings-type-integer = عدد صحيح
settings-type-decimal = عدد عشري
settings-type-currency = مبلغ مالي
settings-type-percent = نسبة مئوية
settings-type-boolean = نعم أو لا
settings-type-date = تاريخ
settings-type-datetime = تاريخ ووقت
settings-type-select = اختيار
settings-type-multi-select = اختيارات متعددة
settings-type-email = بريد إلكتروني
settings-type-phone = هاتف
settings-type-url = عنوان ويب
settings-type-social = حسابات التواصل الاجتماعي
settings-type-address = عنوان
settings-type-full-name = الاسم الكامل
settings-type-rating = تقييم
settings-type-relation = رابط إلى سجل
settings-type-attachment = ملف
settings-type-json = بيانات منظَّمة (JSON)
settings-type-formula = صيغة
settings-type-rollup = تجميع
settings-type-unknown = اختر أحد الأنواع.
settings-detail-max-length = { $max ->
    [zero] حتى { $max } حرف
    [one] حتى حرف واحد
    [two] حتى حرفين
    [few] حتى { $max } أحرف
    [many] حتى { $max } حرفًا
   *[other] حتى { $max } حرف
}
settings-detail-range = من { $min } إلى { $max }
settings-detail-decimal = { $precision ->
    [zero] { $precision } رقم
    [one] رقم واحد
    [two] رقمان
    [few] { $precision } أرقام
    [many] { $precision } رقمًا
   *[other] { $precision } رقم
}، منها { $scale } بعد الفاصلة العشرية
settings-detail-scale = { $scale ->
    [zero] { $scale } رقم بعد الفاصلة العشرية
    [one] رقم واحد بعد الفاصلة العشرية
    [two] رقمان بعد الفاصلة العشرية
    [few] { $scale } أرقام بعد الفاصلة العشرية
    [many] { $scale } رقمًا بعد الفاصلة العشرية
   *[other] { $scale } رقم بعد الفاصلة العشرية
}
settings-detail-multiple = متعدد
settings-detail-rating = من { $max }

## A new field
settings-field-new-title = حقل جديد في «{ $object }»
settings-field-create = إضافة الحقل
settings-max-length = أقصى طول للنص (بالأحرف)
settings-min = أصغر قيمة
settings-max = أكبر قيمة
settings-min-above-max = يجب ألا تكون أكبر قيمة أقل من أصغر قيمة.
settings-precision = إجمالي عدد الأرقام
settings-scale = الأرقام بعد الفاصلة العشرية
settings-rating-max = أعلى تقييم
settings-multiple = قيم متعددة
settings-multiple-help = تحصل كل قيمة من القيم المتعددة على تسمية، ويمكن تعليمها كقيمة أساسية.
settings-target = يرتبط بـ
settings-choose-target = اختر الكائن الذي يرتبط به الحقل.
settings-options = الخيارات
settings-options-help = التسمية هي ما يراه المستخدمون؛ أما القيمة فتُخزَّن وتستخدمها البرامج. القيمة الفارغة تُنشأ من التسمية.
settings-option-label = تسمية الخيار { $n }
settings-option-value = قيمة الخيار { $n }
settings-option-up = تحريك الخيار { $n } لأعلى
settings-option-down = تحريك الخيار { $n } لأسفل
settings-option-remove = إزالة الخيار { $n }
settings-option-add = إضافة خيار
settings-options-needed = أضف خيارًا واحدًا على الأقل.
settings-option-duplicate = يحمل خيار آخر هذه القيمة.
settings-options-save = حفظ الخيارات

## A field
settings-field-edit = التسمية والموضع
settings-field-about = ما يحتويه
settings-field-fixed-help = يصبح نوع الحقل وخياراته ثابتين بمجرد احتوائه على بيانات: أنشئ حقلًا جديدًا لتغييرهما.

## Users
settings-users-all = كل المستخدمين
settings-user-name = الاسم
settings-user-email = البريد الإلكتروني
settings-user-roles = الأدوار
settings-active = نشط
settings-inactive = معطَّل
settings-must-change = كلمة مرور لمرة واحدة
settings-user-new = إضافة مستخدم
settings-user-new-help = ينشئ Rapport كلمة مرور لمرة واحدة لتسليمها؛ ويختار المستخدم كلمة مروره الخاصة عند أول تسجيل دخول.
settings-user-create = إضافة المستخدم
settings-user-created = أُضيف المستخدم.
settings-email-taken = يستخدم مستخدم آخر هذا البريد الإلكتروني بالفعل.
settings-user-profile = الملف الشخصي
settings-user-access = الأدوار والفرق
settings-user-account = الحساب
settings-user-is-active = يمكن لهذا المستخدم تسجيل الدخول.
settings-user-is-inactive = هذا المستخدم معطَّل ولا يمكنه تسجيل الدخول.
settings-one-time-title = كلمة مرور لمرة واحدة
settings-one-time-hint = سلّم كلمة المرور هذه إلى { $email } شخصيًا أو عبر وسيلة أخرى غير البريد الإلكتروني. وعليه أن يختار كلمة مروره الخاصة عند أول تسجيل دخول.
settings-one-time-once = تُعرض الآن فقط: لا يمكن عرضها مرة أخرى، بل يمكن فقط استبدالها بكلمة مرور جديدة.
settings-password-reset = إنشاء كلمة مرور جديدة لمرة واحدة
settings-password-reset-confirm = استبدال كلمة مرور هذا المستخدم بكلمة مرور جديدة لمرة واحدة؟ ستنتهي جلساته.
settings-password-reset-done = أُنشئت كلمة مرور جديدة لمرة واحدة؛ وانتهت جلسات المستخدم.
settings-deactivate = تعطيل
settings-deactivate-confirm = تعطيل هذا المستخدم؟ سيُسجَّل خروجه ولن يتمكن من تسجيل الدخول حتى يُعاد تفعيله. تبقى سجلاته.
settings-deactivate-self-confirm = تعطيل حسابك أنت؟ سيُسجَّل خروجك.
settings-reactivate = إعادة التفعيل
settings-deactivate-help = يحتفظ المستخدم المعطَّل بسجلاته وسجلّ نشاطه.

## Teams
settings-teams-all = كل الفرق
settings-teams-empty = لا توجد فرق بعد.
settings-teams-none = لا توجد فرق بعد.
settings-teams-manage = إدارة الفرق
settings-team-name = اسم الفريق
settings-team-members = الأعضاء
settings-team-new = فريق جديد
settings-team-create = إنشاء الفريق
settings-team-taken = يحمل فريق آخر هذا الاسم بالفعل.

## Roles
settings-role-new = دور جديد
settings-role-name = اسم الدور
settings-role-admin-short = مسؤول
settings-role-holders = المستخدمون
settings-role-holders-count = { $count ->
    [zero] لا يحمل أي مستخدم هذا الدور.
    [one] يحمل هذا الدور مستخدم واحد.
    [two] يحمل هذا الدور مستخدمان.
    [few] يحمل هذا الدور { $count } مستخدمين.
    [many] يحمل هذا الدور { $count } مستخدمًا.
   *[other] يحمل هذا الدور { $count } مستخدم.
}
settings-role-create = إنشاء الدور
settings-role-taken = يحمل دور آخر هذا الاسم بالفعل.
settings-role-about = الدور
settings-role-standard-help = دور قياسي: نقطة بداية يمكنك تغييرها.
settings-role-admin = مسؤول
settings-role-admin-help = يصل المسؤولون إلى كل سجل وحقل ويديرون الإعدادات، بصرف النظر عما تنص عليه القواعد أدناه.
settings-role-objects = السجلات
settings-role-objects-help = مدى وصول كل إجراء: لا سجلات، أو سجلات المستخدم نفسه، أو سجلات فريقه (وسجلاته)، أو الكل.
settings-role-other-objects = الكائنات الأخرى (والجديدة)
settings-role-cell = { $object }: { $action }
settings-role-fields = الحقول
settings-role-fields-help = الحقول المخفية لا تُعرض ولا يُبحث فيها ولا تُصدَّر؛ وحقول القراءة فقط تُعرض لكنها لا تُغيَّر.
settings-role-limited = { $count ->
    [zero] لا توجد حقول مقيدة
    [one] حقل واحد مقيد
    [two] حقلان مقيدان
    [few] { $count } حقول مقيدة
    [many] { $count } حقلًا مقيدًا
   *[other] { $count } حقل مقيد
}
settings-access = الوصول
settings-action-create = إنشاء
settings-action-read = قراءة
settings-action-edit = تعديل
settings-action-delete = حذف
settings-action-export = تصدير
settings-reach-none = لا شيء
settings-reach-own = الخاصة به
settings-reach-team = الفريق
settings-reach-all = الكل
settings-access-hidden = مخفي
settings-access-read-only = قراءة فقط
settings-access-read-write = قراءة وكتابة
settings-role-administrator = مسؤول
settings-role-sales-manager = مدير المبيعات
settings-role-sales-rep = مندوب مبيعات
settings-role-service-agent = موظف خدمة العملاء
settings-role-marketing = التسويق
settings-role-read-only = قراءة فقط

## Pipelines
settings-pipelines-all = كل مسارات المبيعات
settings-pipelines-empty = لا توجد مسارات مبيعات بعد. تحتاج فرص البيع إلى مسار واحد على الأقل.
settings-pipeline-default = افتراضي
settings-pipeline-make-default = تعيين كافتراضي
settings-pipeline-make-default-named = تعيين { $name } كمسار افتراضي
settings-pipeline-new = مسار مبيعات جديد
settings-pipeline-name = اسم المسار
settings-pipeline-create = إنشاء المسار
settings-pipeline-rename = إعادة التسمية
settings-pipeline-taken = يحمل مسار آخر هذا الاسم بالفعل.
settings-stage-count = { $count ->
    [zero] لا توجد مراحل
    [one] مرحلة واحدة
    [two] مرحلتان
    [few] { $count } مراحل
    [many] { $count } مرحلةً
   *[other] { $count } مرحلة
}
settings-stages = المراحل
settings-stages-empty = لا توجد مراحل بعد.
settings-stage-new = مرحلة جديدة
settings-stage-add = إضافة المرحلة
settings-stage-name = اسم المرحلة
settings-stage-probability = الاحتمال (%)
settings-stage-kind = النوع
settings-stage-save-named = حفظ { $name }
settings-stage-kind-open = مفتوحة
settings-stage-kind-won = رابحة
settings-stage-kind-lost = خاسرة

## An object's behaviour
settings-behaviour = السلوك
settings-behaviour-hint = أين يظهر الكائن وماذا يفعل: التنقل والبحث والتقويم واللوحة والإجراءات السريعة.
settings-behaviour-nothing = لا شيء خاص: يظهر تحت «المزيد».
settings-behaviour-change = تغيير السلوك
settings-behaviour-has-nav = في شريط التنقل
settings-behaviour-has-calendar = في التقويم
settings-behaviour-has-board = لوحة
settings-behaviour-has-quick = إجراء سريع
settings-behaviour-has-stages = أعمدة اللوحات (مراحل)
settings-behaviour-has-home = قوائم في الصفحة الرئيسية
settings-behaviour-has-files = يحفظ ملفات
settings-behaviour-title = سلوك «{ $object }»
settings-behaviour-help = ما تضبطه هنا يسري فورًا على الجميع، من دون برمجة. تُختار الحقول من بين حقول الكائن نفسه.
settings-behaviour-nav = التنقل والبحث
settings-behaviour-nav-group = المكان في التنقل
settings-behaviour-nav-main = في الشريط
settings-behaviour-nav-more = تحت «المزيد»
settings-behaviour-nav-rank = الترتيب في التنقل
settings-behaviour-nav-rank-help = الأرقام الأصغر تأتي أولًا؛ وإن تُرك فارغًا يأتي بعد غيره في الشريط.
settings-behaviour-rank-help = الأرقام الأصغر تأتي أولًا.
settings-behaviour-search-rank = الترتيب في نتائج البحث
settings-behaviour-search-rank-help = يُبحث في أصحاب الأرقام الأصغر وتُعرض أولًا، وتليها الكائنات التي بلا رقم حسب الاسم.
settings-behaviour-calendar = التقويم
settings-behaviour-calendar-on = عرض سجلاته في التقويم
settings-behaviour-calendar-needs-datetime = أضف أولًا حقل تاريخ ووقت إلى هذا الكائن.
settings-behaviour-calendar-start = يبدأ في
settings-behaviour-calendar-end = ينتهي في
settings-behaviour-calendar-duration = المدة (بالثواني)
settings-behaviour-calendar-duration-help = حقل عدد صحيح يحمل المدة بالثواني. من دون نهاية أو مدة يكون السجل لحظة واحدة، مثل موعد استحقاق.
settings-behaviour-calendar-schedule = فترة فارغة في التقويم تُنشئ سجلًا منه
settings-behaviour-calendar-schedule-help = يحتاج إلى نهاية أو مدة. يُنشأ سجل لأول كائن كهذا حسب ترتيب التنقل.
settings-behaviour-none = لا شيء
settings-behaviour-board = اللوحة
settings-behaviour-board-on = إتاحة لوحة لسجلاته
settings-behaviour-board-needs-field = للوحة عمود لكل خيار: أضف أولًا حقل اختيار.
settings-behaviour-board-default = الأعمدة حسب
settings-behaviour-board-first = أول حقل اختيار
settings-behaviour-board-sum = مجموع كل عمود
settings-behaviour-board-home = عرض السجلات المفتوحة لكل مستخدم حسب العمود في الصفحة الرئيسية
settings-behaviour-quick = إجراء سريع
settings-behaviour-quick-help = تتيح صفحة السجل إنشاء سجل من هذا النوع مرتبط به.
settings-behaviour-quick-on = إتاحته في صفحات السجلات
settings-behaviour-quick-rank = الترتيب بين الإجراءات السريعة
settings-behaviour-quick-fields = الحقول التي يعرضها النموذج
settings-behaviour-quick-fields-needed = اختر حقلًا واحدًا على الأقل.
settings-behaviour-need-datetime = اختر حقل تاريخ ووقت.
settings-behaviour-need-integer = اختر حقل عدد صحيح.
settings-behaviour-need-board-field = اختر حقل اختيار، أو رابطًا إلى كائن سجلاته مراحل.
settings-behaviour-need-money = اختر حقل مبلغ مالي.
settings-behaviour-need-activity = الإجراءات السريعة للأنشطة فقط.
settings-behaviour-unknown-field = هذا الحقل ليس في الكائن، أو أنه مخفي.
settings-behaviour-schedule-needs-end = ليُنشأ من فترة فارغة، يحتاج إلى نهاية أو مدة.

## The time zone picker (settings' user pages and everyone's profile)
zone-utc = التوقيت العالمي المنسق (UTC)
zone-region-utc = التوقيت العالمي
zone-region-europe = أوروبا
zone-region-asia = آسيا
zone-region-africa = أفريقيا
zone-region-america = الأمريكتان
zone-region-australia = أستراليا
zone-region-pacific = المحيط الهادئ
zone-region-atlantic = المحيط الأطلسي
zone-region-indian = المحيط الهندي
zone-region-antarctica = القارة القطبية الجنوبية
zone-region-arctic = القطب الشمالي
zone-region-other = أخرى
zone-unknown = ليست منطقة زمنية يعرفها Rapport: اختر واحدة من القائمة.

## Putting stages in order by dragging or by keys
settings-reorder-help = اسحب المرحلة من مقبضها لنقلها، أو ركّز على المقبض واضغط مفتاحي السهم لأعلى ولأسفل. ثم احفظ الترتيب الجديد.
settings-reorder-handle = نقل «{ $name }»
settings-reorder-moved = أصبحت «{ $name }» في الموضع { $place } من { $count }.
settings-reorder-unchanged = المراحل بترتيبها المحفوظ.
settings-reorder-changed = لم يُحفظ الترتيب الجديد بعد.
settings-order-save = حفظ الترتيب
settings-order-undo = تراجع
settings-order-saved = حُفظ الترتيب الجديد.
settings-order-stale = تغيّرت المراحل منذ فتح هذه الصفحة، فلم يُحفظ الترتيب. ها هي كما هي الآن: انقلها مرة أخرى.
