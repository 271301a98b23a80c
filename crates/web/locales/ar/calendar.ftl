## Calendar
cal-nav = التنقل في التقويم
cal-prev = السابق
cal-next = التالي
cal-today = اليوم
cal-views = العرض
cal-view-day = يوم
cal-view-week = أسبوع
cal-view-month = شهر
cal-go-to = التاريخ
cal-owner = صاحب التقويم
cal-owner-me = أنا
cal-owner-team = فريق { $team }
cal-show = عرض
cal-help = اختر ساعة (أو يومًا من الشهر) لجدولة اجتماع فيها. اسحب اجتماعًا أو مكالمة أو مهمة إلى فترة أخرى لنقلها، أو استخدم نموذج «إعادة الجدولة» الخاص بها.
cal-empty = لا يوجد شيء مجدول هنا. اختر فترة زمنية لجدولة اجتماع.
cal-day-empty = لا يوجد شيء مجدول.
cal-truncated = لا يتسع هذا العرض لكل العناصر: اعرض فترة أقصر (أسبوعًا أو يومًا) لرؤيتها كلها.
cal-more = { $count ->
    [zero] لا يوجد المزيد
    [one] عنصر واحد آخر
    [two] عنصران آخران
    [few] { $count } عناصر أخرى
    [many] { $count } عنصرًا آخر
   *[other] { $count } عنصر آخر
}
cal-slot = اجتماع جديد في { $date } الساعة { $time }
cal-new-on = اجتماع جديد في { $date }
cal-new-meeting = اجتماع جديد
cal-create-meeting = إنشاء الاجتماع
cal-reschedule = إعادة الجدولة
cal-reschedule-start = البداية الجديدة لـ«{ $title }»
cal-reschedule-submit = نقل
cal-moved = نُقل «{ $title }» إلى { $when }.
cal-conflict = غيّر شخص آخر هذا العنصر بعد تحميل التقويم، لذا لم يُنقل. يعرضه التقويم الآن كما هو محفوظ.
cal-forbidden = لا يمكنك نقل هذا العنصر: دورك لا يسمح لك بتغييره. لم يتغير شيء.
cal-gone = هذا العنصر لم يعد موجودًا أو لم تتم مشاركته معك. لم يتغير شيء.
cal-refused = رُفض النقل: { $reason } لم يتغير شيء.
cal-bad-view = يجب أن تكون قيمة المعامل «{ $name }» هي day أو week أو month، لا «{ $value }».
cal-bad-date = يجب أن تكون قيمة المعامل «{ $name }» تاريخًا بصيغة سنة-شهر-يوم، مثل 2026-03-02، لا «{ $value }».
cal-bad-owner = يجب أن تكون قيمة المعامل «{ $name }» هي me، أو معرّف مستخدم، أو team: متبوعًا بمعرّف فريق؛ و«{ $value }» ليست أيًّا من ذلك.
cal-bad-start = يجب أن تكون قيمة المعامل «{ $name }» تاريخًا ووقتًا مثل 2026-03-02T09:00، لا «{ $value }».
cal-bad-start-field = «{ $value }» ليس تاريخًا ووقتًا. لم يتغير شيء.
cal-title-week = { $from } – { $to }
