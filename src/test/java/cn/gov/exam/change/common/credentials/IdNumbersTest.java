package cn.gov.exam.change.common.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** GB 11643-1999 ID numbers on their own: check digit, validation and mask. */
class IdNumbersTest {
    @Test
    void theCheckDigitIsTheWeightedSumModulo11() {
        assertEquals('X', IdNumbers.checkDigit("11010519491231002"));
        assertEquals('7', IdNumbers.checkDigit("14080219860101144"));
        assertNull(IdNumbers.problem("11010519491231002X"));
        assertNull(IdNumbers.problem("140802198601011447"));
    }

    @Test
    void eachWayOfBeingWrongIsNamed() {
        assertEquals("must be 18 characters", IdNumbers.problem(null));
        assertEquals("must be 18 characters", IdNumbers.problem("14080219860101144"));
        assertEquals("must be 17 digits and a check character", IdNumbers.problem("1408021986010114A7"));
        assertEquals("must end in a digit or X", IdNumbers.problem("14080219860101144x"));
        assertEquals("holds no valid birth date", IdNumbers.problem("140802198602301447"));
        assertEquals("has a wrong check digit", IdNumbers.problem("140802198601011448"));
    }

    @Test
    void theMaskKeepsTheRegionAndTheLastFour() {
        assertEquals("110105********002X", IdNumbers.mask("11010519491231002X"));
        assertEquals("****", IdNumbers.mask("123456789"));
        assertEquals("****", IdNumbers.mask(null));
    }
}
