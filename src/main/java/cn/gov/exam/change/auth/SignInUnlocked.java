package cn.gov.exam.change.auth;

/** What an unlock cleared: the waits and counts of one account, from every client. */
public record SignInUnlocked(String account, int cleared) {}
