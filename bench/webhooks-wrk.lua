-- The receiver's capacity: the same POST the service sends (a refund.requested body), keep-alive.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["webhook-id"] = "msg_wrk"
wrk.headers["webhook-timestamp"] = "1700000000"
wrk.headers["webhook-signature"] = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
wrk.body = '{"type":"refund.requested","timestamp":"2023-01-16T04:00:00Z","data":{"refundId":1,"examCode":"BENCH-WH",' ..
  '"idNumberMasked":"000000********0001","amount":"100.00","currency":"CNY","channel":"ALIPAY",' ..
  '"originalTransactionId":"T1","reason":"NOT_SWITCHED"}}'
