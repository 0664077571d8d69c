package cn.gov.exam.change.registration;

public enum PaymentChannel {
    ALIPAY,
    WECHAT,
    UNIONPAY
}
