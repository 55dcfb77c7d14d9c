"""Optional questions whose answers make the saved summary useful to a doctor.

A clinician seeing someone with cramps asks the same things (NICE CKS and the MSD Manual list
them): when it started and how fast, where, how long and how often, what brings it on and what
helps, back pain, which medicines (and what changed lately), alcohol, pregnancy, long-term
conditions, a recent wound or fall and the last tetanus jab, and the colour of the pee. Every
question may be skipped: none is needed to get the urgency.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    Question("started", "When did it start? Did it come on suddenly, or slowly over days or weeks?",
             "Started"),
    Question("where", "Which muscle, and which side?", "Where"),
    Question("how-long", "How long does each spasm last?", "How long each lasts"),
    Question("how-often", "How often does it happen?", "How often"),
    Question("when", "Does it come at night, or when you exercise?", "When it comes"),
    Question("back-pain", "Do you have back pain, or pain that runs down a leg?", "Back pain"),
    Question("helps", "What helps?", "What helps"),
    Question("medicines", "Which medicines do you take? Did you start or change any lately "
                          "(statins, water pills, others)?", "Medicines"),
    Question("alcohol", "How much alcohol do you drink in a week?", "Alcohol"),
    Question("pregnancy", "Are you pregnant, or did you have a baby in the last 6 weeks?", "Pregnancy"),
    Question("conditions", "Do you have kidney, liver or thyroid disease, or diabetes? Are you on dialysis?",
             "Long-term conditions"),
    Question("events", "Any recent wound, fall, surgery, or a long time lying down?", "Recent wound, fall or surgery"),
    Question("tetanus", "When did you last have a tetanus jab (shot)?", "Last tetanus jab"),
    Question("urine", "What color is your pee?", "Pee color"),
    Question("notes", "Anything else your doctor should know?", "Notes"),
)
"""The questions, in the order a doctor would ask them."""

INTRO = "Questions for your doctor. All are optional: press Enter to skip one."
"""The line above the questions, in both interfaces."""


def question(question_id: str) -> Question:
    """The question with this id; KeyError if there is none."""
    for entry in QUESTIONS:
        if entry.id == question_id:
            return entry
    raise KeyError(question_id)
