"""Validators: tables of real and invalid identifiers, and properties of the checksums."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redactor.detect import validators
from redactor.errors import PolicyError


def check(name: str, value: str) -> bool:
    return validators.get(name)(value)


VALID = [
    ("ssn", "123-45-6789"),  # accepted on purpose: see the module docstring
    ("ssn", "536-22-8419"),
    ("ssn", "536 22 8419"),
    ("ssn", "536228419"),
    ("ssn", "665-99-0001"),
    ("itin", "912-70-1234"),
    ("itin", "987 94 1234"),
    ("itin", "900-50-0001"),
    ("ein", "12-3456789"),
    ("ein", "98-7654321"),
    ("ein", "01-0000001"),
    ("luhn", "4111 1111 1111 1111"),  # Visa test number
    ("luhn", "5555-5555-5555-4444"),  # Mastercard
    ("luhn", "2223000048400011"),  # Mastercard 2-series
    ("luhn", "378282246310005"),  # American Express
    ("luhn", "6011111111111117"),  # Discover
    ("luhn", "3530111333300000"),  # JCB
    ("luhn", "4222222222222"),  # 13-digit Visa
    ("aba_routing", "121000358"),  # Bank of America, California
    ("aba_routing", "021000021"),  # JPMorgan Chase
    ("aba_routing", "322271627"),
    ("bank_account", "000123456789"),
    ("bank_account", "1234-5678-90"),
    ("date", "01/02/1990"),
    ("date", "1/2/90"),
    ("date", "02/29/2000"),
    ("date", "January 2, 1990"),
    ("date", "Jan. 2, 1990"),
    ("date", "Sept. 30, 1985"),
    ("date", "2 January 1990"),
    ("date", "2nd of January, 1990"),
    ("date", "1990-01-02"),
    ("date", "12-31-1999"),
    ("phone_nanp", "(916) 555-1234"),
    ("phone_nanp", "+1 916 930 4187"),
    ("phone_nanp", "1-800-325-3535"),
    ("phone_nanp", "212.555.0200"),
    ("zip", "95814"),
    ("zip", "95814-2322"),
    ("dl", "A1234567"),  # California
    ("dl", "S530-460-68-291-0"),  # Florida
    ("dl", "123456789"),
    ("dl", "WDLABCD456DG"),  # Washington
    ("dl", "12ABC34567"),  # New Hampshire
    ("iban", "GB82 WEST 1234 5698 7654 32"),
    ("iban", "DE89370400440532013000"),
    ("email", "jane.doe@example.com"),
]

INVALID = [
    ("ssn", "000-12-3456"),  # area 000
    ("ssn", "666-12-3456"),  # area 666
    ("ssn", "900-12-3456"),  # area 9xx (ITINs)
    ("ssn", "999-99-9999"),
    ("ssn", "123-00-4567"),  # group 00
    ("ssn", "123-45-0000"),  # serial 0000
    ("ssn", "078-05-1120"),  # the Woolworth wallet card
    ("ssn", "219-09-9999"),  # advertising
    ("ssn", "12345678"),  # too short
    ("itin", "123-70-1234"),  # does not begin with 9
    ("itin", "912-45-1234"),  # group 45 is not an ITIN group
    ("itin", "912-93-1234"),  # 93 is not used
    ("ein", "00-1234567"),
    ("ein", "07-1234567"),
    ("ein", "89-1234567"),
    ("ein", "96-1234567"),
    ("luhn", "4111 1111 1111 1112"),  # bad check digit
    ("luhn", "1234 5678 9012 3452"),  # Luhn-valid, no issuer starts with 1
    ("luhn", "411111111111"),  # 12 digits
    ("luhn", "37828224631000"),  # Amex prefix, wrong length
    ("aba_routing", "121000359"),  # checksum fails
    ("aba_routing", "000000000"),
    ("aba_routing", "991000358"),  # 99 is not a routing prefix
    ("aba_routing", "12100035"),
    ("bank_account", "12345"),
    ("bank_account", "111111111"),
    ("date", "02/30/1990"),
    ("date", "13/01/1990"),
    ("date", "02/29/1900"),
    ("date", "Smarch 3, 1990"),
    ("date", "1990-13-02"),
    ("date", "01/02/1700"),
    ("phone_nanp", "(116) 555-1234"),  # area code starts with 1
    ("phone_nanp", "(911) 555-1234"),  # N11 area code
    ("phone_nanp", "(916) 411-1234"),  # N11 exchange
    ("phone_nanp", "(916) 055-1234"),  # exchange starts with 0
    ("phone_nanp", "(916) 555-0123"),  # fictional 555-01xx
    ("phone_nanp", "(296) 555-1234"),  # X9X area codes are reserved
    ("phone_nanp", "916-555-123"),
    ("zip", "00000"),
    ("zip", "9581"),
    ("zip", "95814-0000"),
    ("dl", "1234"),  # too short for any state
    ("dl", "ABCDEF"),  # no digit
    ("dl", "AB-CD"),
    ("iban", "GB82 WEST 1234 5698 7654 33"),
    ("email", "jane..doe@example.com"),
    ("email", "@example.com"),
]


@pytest.mark.parametrize(("name", "value"), VALID)
def test_valid_values_pass(name: str, value: str) -> None:
    assert check(name, value)


@pytest.mark.parametrize(("name", "value"), INVALID)
def test_invalid_values_fail(name: str, value: str) -> None:
    assert not check(name, value)


def test_parse_date_reads_every_form_to_the_same_day() -> None:
    forms = ["01/02/1990", "1/2/90", "1-2-1990", "1.2.1990", "January 2, 1990", "Jan 2 1990",
             "2 January 1990", "2nd January 1990", "1990-01-02"]  # fmt: skip
    assert {validators.parse_date(f) for f in forms} == {(1990, 1, 2)}


def test_unknown_validator_lists_the_names_that_exist() -> None:
    with pytest.raises(PolicyError) as err:
        validators.get("lunh")
    message = str(err.value)
    assert "'lunh'" in message and "did you mean 'luhn'" in message
    for name in ("aba_routing", "date", "ssn", "phone_nanp"):
        assert name in message


def test_registering_a_name_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        validators.register("ssn")(lambda value: True)


# --- properties of the checksums -------------------------------------------------


def luhn_complete(body: str) -> str:
    """Append the Luhn check digit to ``body``."""
    for check_digit in "0123456789":
        if validators.luhn_checksum_ok(body + check_digit):
            return body + check_digit
    raise AssertionError("no check digit")


def aba_complete(body: str) -> str:
    """Append the ABA check digit to an 8-digit ``body``."""
    partial = sum(int(ch) * w for ch, w in zip(body, (3, 7, 1, 3, 7, 1, 3, 7), strict=True))
    return body + str((10 - partial % 10) % 10)


def change_one_digit(number: str, index: int, delta: int) -> str:
    i = index % len(number)
    return number[:i] + str((int(number[i]) + delta) % 10) + number[i + 1 :]


card_bodies = st.sampled_from(["4", "51", "55", "2221", "6011", "3530"]).flatmap(
    lambda prefix: st.text("0123456789", min_size=15 - len(prefix), max_size=15 - len(prefix)).map(
        lambda rest: prefix + rest
    )
)
aba_bodies = st.sampled_from(["01", "02", "12", "21", "32", "61", "72"]).flatmap(
    lambda prefix: st.text("0123456789", min_size=6, max_size=6).map(lambda rest: prefix + rest)
)


@given(card_bodies)
def test_generated_card_numbers_pass(body: str) -> None:
    assert validators.get("luhn")(luhn_complete(body))


@given(card_bodies, st.integers(0, 15), st.integers(1, 9))
def test_a_card_number_with_one_digit_changed_fails(body: str, index: int, delta: int) -> None:
    number = luhn_complete(body)
    changed = change_one_digit(number, index, delta)
    assert not validators.luhn_checksum_ok(changed)


@given(card_bodies)
def test_card_separators_do_not_matter(body: str) -> None:
    number = luhn_complete(body)
    spaced = " ".join(number[i : i + 4] for i in range(0, 16, 4))
    assert validators.get("luhn")(spaced) and validators.get("luhn")(spaced.replace(" ", "-"))


@given(aba_bodies)
def test_generated_routing_numbers_pass(body: str) -> None:
    number = aba_complete(body)
    assert validators.get("aba_routing")(number) or number == "000000000"


@given(aba_bodies, st.integers(0, 8), st.integers(1, 9))
def test_a_routing_number_with_one_digit_changed_fails(body: str, index: int, delta: int) -> None:
    # weights 3, 7 and 1 are all prime to 10, so any single-digit change breaks the sum
    assert not validators.aba_checksum_ok(change_one_digit(aba_complete(body), index, delta))


@given(st.integers(1, 899), st.integers(1, 99), st.integers(1, 9999))
def test_ssn_rules_as_arithmetic(area: int, group: int, serial: int) -> None:
    value = f"{area:03d}-{group:02d}-{serial:04d}"
    expected = area != 666 and value not in ("078-05-1120", "219-09-9999")
    assert validators.get("ssn")(value) is expected
