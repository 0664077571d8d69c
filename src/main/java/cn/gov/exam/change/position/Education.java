package cn.gov.exam.change.position;

/** Education levels in ascending order: a requirement is met by the same or a higher level. */
public enum Education {
    JUNIOR_COLLEGE,
    BACHELOR,
    MASTER,
    DOCTORATE
}
