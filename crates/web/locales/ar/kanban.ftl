## Kanban board
kanban-title = لوحة { $object }
kanban-list-view = عرض القائمة
kanban-by = الأعمدة حسب
kanban-help = اسحب بطاقة إلى عمود آخر (على شاشة اللمس، اضغط عليها مطولًا أولًا)، أو ركّز على بطاقة واضغط ← أو →، أو اختر عمودًا من قائمة «نقل إلى» الخاصة بها.
kanban-move-to = نقل إلى
kanban-no-value = بلا قيمة
kanban-count = { $count ->
    [zero] لا توجد سجلات
    [one] سجل واحد
    [two] سجلان
    [few] { $count } سجلات
    [many] { $count } سجلًا
   *[other] { $count } سجل
}
kanban-more = { $count ->
    [zero] لا يوجد المزيد في القائمة
    [one] سجل واحد آخر في القائمة
    [two] سجلان آخران في القائمة
    [few] { $count } سجلات أخرى في القائمة
    [many] { $count } سجلًا آخر في القائمة
   *[other] { $count } سجل آخر في القائمة
}
kanban-column-empty = لا يوجد شيء هنا.
kanban-no-match = لا توجد سجلات تطابق هذا البحث أو عامل التصفية. امسح البحث أو عامل التصفية لرؤية اللوحة كاملة.
kanban-no-field = { $object }: لا يوجد حقل اختيار يمكن إنشاء لوحة منه. يمكن للمسؤول إضافة حقل اختيار في الإعدادات.
kanban-unknown-by = «{ $by }» ليس حقل اختيار في { $object }. يمكن إنشاء لوحة حسب: { $fields }.
kanban-unknown-pipeline = لا يوجد مسار مبيعات باسم «{ $group }». اختر أحد المسارات التالية: { $groups }.
kanban-no-pipelines = لا توجد مسارات مبيعات بعد. يمكن للمسؤول إنشاء مسار بمراحله في الإعدادات.
kanban-no-stages = لا توجد مراحل في هذا المسار بعد. يمكن للمسؤول إضافتها في الإعدادات.
kanban-no-options = لا توجد خيارات للحقل «{ $field }» بعد. يمكن للمسؤول إضافتها في الإعدادات.
kanban-unknown-column = «{ $value }» ليس عمودًا في هذه اللوحة. لم يتغير شيء.
kanban-moved = نُقل «{ $record }» إلى { $column }.
kanban-conflict = غيّر شخص آخر هذا السجل بعد تحميل اللوحة، لذا لم يُنقل. تعرضه اللوحة الآن كما هو محفوظ.
kanban-forbidden = لا يمكنك نقل هذا السجل: دورك لا يسمح لك بتغييره. لم يتغير شيء.
kanban-gone = هذا السجل لم يعد موجودًا أو لم تتم مشاركته معك. لم يتغير شيء.
kanban-refused = رُفض النقل: { $reason } لم يتغير شيء.
kanban-column = العمود
kanban-move = نقل
kanban-empty = { $object }: لا يوجد شيء هنا بعد. أنشئ أول سجل وسيظهر في عموده.
kanban-owner = المسؤول
kanban-days = { $days ->
    [0] منذ اليوم
    [zero] منذ اليوم
    [one] هنا منذ يوم واحد
    [two] هنا منذ يومين
    [few] هنا منذ { $days } أيام
   *[other] هنا منذ { $days } يومًا
}
kanban-days-title = { $days ->
    [0] دخل هذا العمود اليوم
    [zero] دخل هذا العمود اليوم
    [one] في هذا العمود منذ يوم واحد
    [two] في هذا العمود منذ يومين
    [few] في هذا العمود منذ { $days } أيام
   *[other] في هذا العمود منذ { $days } يومًا
}
kanban-rotting = متعثرة
kanban-rotting-why = لم تتحرك منذ أكثر من { $days ->
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
   *[other] { $days } يومًا
}
kanban-column-rotting = { $count ->
    [one] واحدة متعثرة
    [two] اثنتان متعثرتان
    [few] { $count } متعثرة
   *[other] { $count } متعثرة
}
kanban-next = النشاط التالي
kanban-today-at = اليوم، { $time }
kanban-overdue = متأخر
kanban-no-activity = لا يوجد نشاط مخطط
## الحقول التي تحفظها اللوحة
# The standard fields the board keeps (English: schema.ftl, made from the model).
std-field-opportunity-stage_entered_at = في المرحلة منذ
std-field-stage-rotting_days = تتعثر بعد (أيام)
kanban-stage-rotting = تتعثر بعد (أيام)
kanban-stage-rotting-help = يُبرز السجل الذي يبقى في هذه المرحلة مدة أطول على أنه متعثر. اتركه فارغًا لعدم التعثر أبدًا.
