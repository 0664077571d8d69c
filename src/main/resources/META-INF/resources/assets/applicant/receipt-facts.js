// A receipt's facts as summary-list rows: the printed receipt and /verify list the same ones.
import {dateTime, money} from '../shared/format.js';
import {label} from '../shared/labels.js';
import {RECEIPT_FACTS as w} from './copy.js';

export function receiptFacts(r) {
  return [
    [w.exam, r.examName],
    [w.name, r.applicantName],
    [w.idNumber, r.idNumberMasked],
    [w.original, w.position(r.originalPosition)],
    r.targetPosition ? [w.target, w.position(r.targetPosition)] : null,
    [w.decision, label('ReceiptDecision', r.decision)],
    [w.decidedAt, dateTime(r.issuedAt, r.timeZone)],
    r.refund ? [w.refundAmount, money(r.refund.amount)] : null,
    r.refund ? [w.refundReason, label('RefundReason', r.refund.reason)] : null,
  ];
}
