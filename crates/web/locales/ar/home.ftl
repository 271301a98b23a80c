# الصفحة الرئيسية: مهام اليوم واجتماعاته وفرصه، وعرض الفريق للمدير.
home-views = طرق عرض الصفحة الرئيسية
home-view-day = يومي
home-view-team = فريقي
home-customers = لـ:
home-overdue = متأخرة
home-group-today = اليوم
home-group-tomorrow = غدًا
home-group-overdue = متأخرة
home-mark-done = تم
home-mark-done-label = وضع علامة «تم»: { $item }
home-marked-done = تم: { $item }
home-already-done = كانت منجزة من قبل: { $item }
home-done-conflict = غيّرها شخص آخر في أثناء ذلك (أو أنت في صفحة أخرى). تظهر الآن كما هي: راجعها ثم ضع علامة «تم» مرة أخرى.
home-done-no-version = لم تذكر الصفحة إصدار السجل الذي كانت تعرضه. أعد تحميل الصفحة وحاول مرة أخرى.
home-list-none = لا شيء لليوم.
home-list-tasks = المهام المستحقة
home-list-tasks-none = لا مهام مستحقة اليوم ولا مهام متأخرة.
home-list-tasks-add = إضافة مهمة
home-list-tasks-all = كل مهامي المفتوحة
home-list-reminders = التذكيرات
home-list-reminders-none = لا تذكيرات مستحقة.
home-list-reminders-add = إضافة مهمة بتذكير
home-list-reminders-all = كل مهامي المفتوحة
home-list-meetings = الاجتماعات القادمة
home-list-meetings-none = لا اجتماعات في الأيام القادمة.
home-list-meetings-add = خطّط لاجتماع في التقويم
home-list-calls = مكالمات اليوم
home-list-calls-none = لم تُسجَّل مكالمات اليوم.
home-list-calls-add = تسجيل مكالمة
home-recent-search = البحث عن عميل
home-total = الإجمالي
home-attention = { $object } تحتاج إلى متابعة
home-attention-opportunity = فرص البيع التي تحتاج إلى متابعة
home-attention-none = كل المفتوح منها في موعده وله خطوة تالية مخططة.
home-attention-opportunity-none = كل فرص البيع المفتوحة في موعدها ولها خطوة تالية مخططة.
home-reason-past = فات موعد { $field }
home-reason-no-next-step = لا خطوة تالية مخططة
home-reason-rotting = { $count ->
    [zero] لم تتغير منذ { $count } يوم
    [one] لم تتغير منذ يوم واحد
    [two] لم تتغير منذ يومين
    [few] لم تتغير منذ { $count } أيام
    [many] لم تتغير منذ { $count } يومًا
   *[other] لم تتغير منذ { $count } يوم
}
home-team-title = فريقي
home-team-member = عضو الفريق
home-team-tasks = المهام المتأخرة
home-team-meetings = اجتماعات اليوم
home-team-board-opportunity = فرص البيع المفتوحة
home-team-amount = المبلغ المفتوح
home-team-pipeline = { $group }: المفتوحة حسب المرحلة
home-team-none = لا يوجد أعضاء نشطون في فرقك بعد. يضيف المسؤول الأشخاص إلى الفرق من الإعدادات ← المستخدمون.
home-board-opportunity-add = إضافة فرصة بيع
