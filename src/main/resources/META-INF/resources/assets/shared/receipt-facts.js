// A receipt's facts as summary-list rows: the printed receipt, /verify and the console's 回执核验
// list the same ones, each front-end in its own words (w: exam, examLine, name, idNumber, original,
// target, position, decision, issuedAt, refundAmount, refundReason).
import {dateTime, money} from './format.js';
import {LABELS, label} from './labels.js';

export function receiptFacts(r, w) {
  return [
    [w.exam, w.examLine(r)],
    [w.name, r.applicantName],
    [w.idNumber, r.idNumberMasked],
    [w.original, w.position(r.originalPosition)],
    r.targetPosition ? [w.target, w.position(r.targetPosition)] : null,
    [w.decision, label(LABELS.ReceiptDecision, r.decision)],
    [w.issuedAt, dateTime(r.issuedAt, r.timeZone)],
    r.refund ? [w.refundAmount, money(r.refund.amount)] : null,
    r.refund ? [w.refundReason, label(LABELS.RefundReason, r.refund.reason)] : null,
  ];
}
