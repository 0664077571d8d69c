package cn.gov.exam.change.position;

public enum PoliticalStatus {
    CPC_MEMBER,
    CPC_PROBATIONARY,
    CYL_MEMBER,
    MASSES,
    OTHER_PARTY
}
