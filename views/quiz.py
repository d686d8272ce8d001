"""Welk zorgwerk past bij mij? The interest quiz: a few questions, then jobs that may suit you.

The questions come from ``data/quiz.yaml``, the scores from :mod:`routes.quiz`;
this page only asks and shows. Each suggestion links to its profile and to the
planner with the job as target. The answers stay in this session only.
"""

from __future__ import annotations

import streamlit as st

from routes.quiz import ANSWERS, MIN_ANSWERS, suggest_functions
from ui.data import load
from ui.fmt import labelled, md
from ui.i18n import lang, t

PREFIX = "qz_"  # one radio per question: qz_<question id>

data = load()
ds = data.dataset
language = lang()

st.title(t("quiz.title"))
st.caption(t("quiz.intro"))

questions = list(ds.questions.values())
if not questions:
    st.info(t("quiz.no_questions"))
    st.stop()


def _text(text) -> str:
    return (text.en or text.nl) if language == "en" else text.nl


answer_label = labelled(ANSWERS, lambda a: t(f"quiz.answer_{a}"))
for number, question in enumerate(questions, 1):
    st.radio(
        f"{number}. {_text(question.question)}",
        options=list(ANSWERS),
        format_func=answer_label,
        index=None,
        horizontal=True,
        key=PREFIX + question.id,
    )

answers = {q.id: st.session_state.get(PREFIX + q.id) for q in questions}
given = sum(1 for a in answers.values() if a)

if st.button(t("quiz.reset"), icon=":material/restart_alt:", disabled=not given):
    for q in questions:
        st.session_state.pop(PREFIX + q.id, None)
    st.rerun()

st.divider()
st.header(t("quiz.result_title"))
if given < MIN_ANSWERS:
    st.info(t("quiz.answer_more", count=MIN_ANSWERS, given=given))
    st.stop()

suggestions = suggest_functions(ds, answers)
if not suggestions:
    st.info(t("quiz.nothing"))
    st.stop()

st.caption(t("quiz.result_intro", given=given, total=len(questions)))
extra = {"lang": language} if language != "nl" else {}
for rank, suggestion in enumerate(suggestions, 1):
    with st.container(border=True):
        st.subheader(f"{rank}. {md(suggestion.name)}")
        st.markdown(md(suggestion.reason(language)))
        profile_col, planner_col = st.columns(2)
        with profile_col:
            st.page_link(
                "views/beroepen.py",
                label=t("quiz.to_profile"),
                icon=":material/work:",
                query_params=suggestion.profile_params | extra,
            )
        with planner_col:
            st.page_link(
                "views/routeplanner.py",
                label=t("quiz.to_planner"),
                icon=":material/alt_route:",
                query_params=suggestion.planner_params | extra,
            )
st.caption(t("quiz.disclaimer"))
