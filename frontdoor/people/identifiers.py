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


UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_valid(value: str) -> bool:
    """Unique Pupil Number (DfE): a check letter, 11 digits, then a digit or (a temporary UPN) a letter.

    The check letter is the sum of the other twelve characters, each times its position (2 to 13),
    modulo 23, read in UPN_LETTERS; a final letter counts as its place in that alphabet.
    """
    upn = "".join(value.split()).upper()
    if len(upn) != 13 or not upn[1:12].isdigit() or upn[0] not in UPN_LETTERS:
        return False
    last = upn[12]
    if not (last.isdigit() or last in UPN_LETTERS):
        return False
    values = [int(c) for c in upn[1:12]] + [int(last) if last.isdigit() else UPN_LETTERS.index(last)]
    total = sum(v * position for v, position in zip(values, range(2, 14), strict=True))
    return UPN_LETTERS[total % 23] == upn[0]
