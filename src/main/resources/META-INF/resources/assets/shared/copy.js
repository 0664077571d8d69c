// The words the shared design system and formats show on both front-ends' pages.

export const DOM = {
  errorSummaryTitle: '出现问题',
  errorPrefix: '错误：', // read out before a field's error, hidden on screen
};

export const FORMAT = {
  chinaTime: '北京时间',
  dateTime: (p, zone) => `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}（${zone}）`,
  date: (y, m, d) => `${y}年${m}月${d}日`,
  duration: (d, hh, mm, ss) => `${d > 0 ? `${d}天 ` : ''}${hh}小时 ${mm}分 ${ss}秒`,
  money: (amount) => `${amount} 元`,
};
