package cn.gov.exam.change.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ApplicantTokenRequest(
        @NotBlank @Size(max = 40) String examCode,

        @NotBlank @Size(min = 18, max = 18, message = "must be 18 characters")
        String idNumber,

        @NotBlank @Size(max = 200) String password) {
    @Override
    public String toString() {
        return "ApplicantTokenRequest[examCode=" + examCode + "]";
    }
}
