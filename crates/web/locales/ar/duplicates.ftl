## A new record's "already here?" box
duplicates-title = { $count ->
    [zero] لا توجد سجلات مشابهة.
    [one] موجود مسبقًا؟ يوجد سجل مشابه:
    [two] موجود مسبقًا؟ يوجد سجلان مشابهان:
    [few] موجود مسبقًا؟ توجد { $count } سجلات مشابهة:
    [many] موجود مسبقًا؟ يوجد { $count } سجلًا مشابهًا:
   *[other] موجود مسبقًا؟ يوجد { $count } سجل مشابه:
}
