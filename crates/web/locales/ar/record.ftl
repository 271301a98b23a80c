## The record page: its head, its timeline and durations.

record-key-facts = معلومات أساسية
record-action-tel = اتصال
record-action-whatsapp = واتساب
record-action-mailto = بريد إلكتروني
record-more-actions = المزيد
record-next = التالي:
record-overdue = متأخر
record-related = سجلات ذات صلة
record-no-details = لا توجد تفاصيل بعد.
record-show-all-fields = { $count ->
    [zero] عرض كل الحقول
    [one] عرض كل الحقول (حقل واحد فارغ)
    [two] عرض كل الحقول (حقلان فارغان)
    [few] عرض كل الحقول ({ $count } حقول فارغة)
    [many] عرض كل الحقول ({ $count } حقلًا فارغًا)
   *[other] عرض كل الحقول ({ $count } حقل فارغ)
}

timeline-all = الكل
timeline-changes = التغييرات
timeline-filter = العرض في الخط الزمني
timeline-upcoming = القادمة
timeline-history = السابقة
timeline-history-empty = لم يحدث شيء هنا بعد.
timeline-filtered-empty = لا شيء من هذا النوع بعد.
timeline-change-to = تغيّر إلى

duration-seconds = { $seconds ->
    [one] ثانية واحدة
    [two] ثانيتان
    [few] { $seconds } ثوانٍ
   *[other] { $seconds } ثانية
}
duration-minutes = { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
}
duration-hours = { $hours ->
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $hours } ساعات
   *[other] { $hours } ساعة
}
duration-hours-minutes = { $hours } و{ $minutes }
duration-input-label = { $label } (بالدقائق)
duration-unreadable = اكتب الدقائق (90) أو الساعات والدقائق (1:30) أو مع الوحدات (1س 30د).
duration-too-long = المدة طويلة جدًا: عشرة آلاف ساعة على الأكثر.
