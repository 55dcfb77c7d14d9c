"""Optional questions whose answers make the saved summary useful to a doctor.

A clinician seeing someone with cramps asks the same things (NICE CKS and the MSD Manual list
them): when it started and how fast, where, how long and how often, what brings it on and what
helps, back pain, which medicines (and what changed lately), alcohol, pregnancy, long-term
conditions, a recent wound or fall and the last tetanus jab, and the colour of the pee. Every
question may be skipped: none is needed to get the urgency.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.words import N_


@dataclass(frozen=True)
class Question:
    """One optional question for the summary."""

    id: str
    """Stable id: what the saved state stores the answer under."""
    text: str
    """The question, in plain words."""
    label: str
    """A short name for the answer in the summary ("Started")."""


QUESTIONS: tuple[Question, ...] = (
    # Onset first: sudden or slow is what sets a stroke, a clot or a blocked artery apart from a
    # slow nerve problem (issue 17), and it is the first thing a doctor asks.
    Question("started", N_("When did it start? Did it come on suddenly, or slowly over days or weeks?"),
             N_("Started")),
    Question("where", N_("Which muscle, and which side?"), N_("Where")),
    Question("how-long", N_("How long does each spasm last?"), N_("How long each lasts")),
    Question("how-often", N_("How often does it happen?"), N_("How often")),
    Question("when", N_("Does it come at night, or when you exercise?"), N_("When it comes")),
    Question("back-pain", N_("Do you have back pain, or pain that runs down a leg?"), N_("Back pain")),
    Question("helps", N_("What helps?"), N_("What helps")),
    Question("medicines", N_("Which medicines do you take? Did you start or change any lately "
                             "(statins, water pills, others)?"), N_("Medicines")),
    Question("alcohol", N_("How much alcohol do you drink in a week?"), N_("Alcohol")),
    Question("pregnancy", N_("Are you pregnant, or did you have a baby in the last 6 weeks?"), N_("Pregnancy")),
    Question("conditions", N_("Do you have kidney, liver or thyroid disease, or diabetes? Are you on dialysis?"),
             N_("Long-term conditions")),
    Question("events", N_("Any recent wound, fall, surgery, or a long time lying down?"),
             N_("Recent wound, fall or surgery")),
    Question("tetanus", N_("When did you last have a tetanus jab (shot)?"), N_("Last tetanus jab")),
    Question("urine", N_("What color is your pee?"), N_("Pee color")),
    Question("notes", N_("Anything else your doctor should know?"), N_("Notes")),
)
"""The questions, in the order a doctor would ask them."""

INTRO = N_("Questions for your doctor. All are optional: press Enter to skip one.")
"""The line above the questions, in both interfaces."""


def question(question_id: str) -> Question:
    """The question with this id; KeyError if there is none."""
    for entry in QUESTIONS:
        if entry.id == question_id:
            return entry
    raise KeyError(question_id)
