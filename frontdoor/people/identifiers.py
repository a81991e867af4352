"""Checks for identifiers that are strong evidence of identity."""


def nhs_number_valid(value: str) -> bool:
    """NHS number: ten digits, the last a modulus-11 check digit (a remainder giving 10 is invalid)."""
    digits = "".join(value.split())
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])
