## نماذج السجلات: اختيار البلد، ملخص الأخطاء، المسودات
forms-country = البلد
forms-error-summary-title = { $count ->
    [one] لم يُحفظ: راجع حقلًا واحدًا
    [two] لم يُحفظ: راجع حقلين
    [few] لم يُحفظ: راجع { $count } حقول
    [many] لم يُحفظ: راجع { $count } حقلًا
   *[other] لم يُحفظ: راجع { $count } حقل
}
forms-error-summary-general = لم يُحفظ
forms-draft-restored = استُعيدت تغييراتك غير المحفوظة.
forms-draft-discard = تجاهل
