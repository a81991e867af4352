"""The date range of the report of views without a link to the case."""

import datetime

from frontdoor.core.forms import GovukDateField, GovukForm

LONGEST = datetime.timedelta(days=366)


class ReportRangeForm(GovukForm):
    start = GovukDateField(label="From", required=True, past_only=True)
    end = GovukDateField(label="To", required=True, past_only=True)

    def clean(self):  # noqa: ANN201
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the range must be the same as or after its start")
        elif start and end and end - start > LONGEST:
            self.add_error("end", "Choose a range of a year or less")
        return data
