"""Metrokaart Zorg & Welzijn — the app's router and picture frame.

Run: ``streamlit run app.py`` (or ``bash scripts/run.sh``). Loads the data once per
data version, offers the language switch and routes to the five pages. A broken
data folder shows its problems, never a traceback. ``METROKAART_DATA`` points the
app at another data folder.
"""

from __future__ import annotations

import gc
import sys

import streamlit as st

from routes.state import LANGS, Issue, parse_lang
from ui.data import load
from ui.fmt import md
from ui.i18n import lang, set_lang, t
from ui.urlstate import incoming, show_issues, write

# No page_icon and no page icons: the tab then shows Streamlit's own favicon, served locally.
# A Material icon as favicon is fetched from the internet (Streamlit links it from Google's
# font server); an emoji or an image costs 0.1-0.2 s of imports on the first run.
st.set_page_config(page_title="Metrokaart Zorg & Welzijn", layout="centered")
WIDGET_PREFIXES = ("pl_", "jb_", "pg_", "mp_", "co_", "qz_")  # the pages' widget keys


@st.cache_resource(show_spinner=False)
def _modules_at_last_freeze() -> list[int]:
    return [0]


def freeze_new_modules() -> None:
    """Move what is alive into the collector's permanent generation when a run imported modules.

    Streamlit runs a full garbage collection after every script run (runner.postScriptGC).
    Libraries imported after the data was loaded (and frozen, see ui.data) — pandas, Altair,
    pyarrow, jinja2: some 80,000 objects — made that collection cost ~50 ms of CPU per run.
    Imports are rare (the first runs of a process), so this freezes a handful of times.
    """
    seen = _modules_at_last_freeze()
    if len(sys.modules) != seen[0]:
        seen[0] = len(sys.modules)
        gc.freeze()


# Language: from a link on the first visit, then from the switch in the sidebar.
link = incoming("lang", ("lang",))
lang_issues: list[Issue] = []
if link is not None:
    set_lang(parse_lang(link, lang_issues))
elif "lang" not in st.session_state:
    set_lang(LANGS[0])

# The planner is served at /. Its internal name is not "routeplanner": that address, found in
# older shared links, is a hidden page of its own that moves on to / with the same parameters
# (Streamlit would otherwise answer it with a "Page not found" box before showing the planner).
planner = st.Page("views/routeplanner.py", title=t("nav.planner"), url_path="planner", default=True)


def _to_the_planner() -> None:
    st.switch_page(planner, query_params={key: st.query_params.get_all(key) for key in st.query_params})


pages = [
    planner,
    st.Page("views/metrokaart.py", title=t("nav.map"), url_path="metrokaart"),
    st.Page("views/beroepen.py", title=t("nav.jobs"), url_path="beroepen"),
    st.Page("views/programmas.py", title=t("nav.programmes"), url_path="programmas"),
    st.Page("views/coach.py", title=t("nav.coach"), url_path="coach"),
    st.Page("views/quiz.py", title=t("nav.quiz"), url_path="quiz"),
    st.Page(_to_the_planner, title=t("nav.planner"), url_path="routeplanner", visibility="hidden"),
]
page = st.navigation(pages)


with st.sidebar:
    st.radio(
        "Taal · Language",
        options=list(LANGS),
        format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code],
        key="lang",
        horizontal=True,
    )
write("lang", ("lang",), {"lang": [lang()]} if lang() != LANGS[0] else {})
if st.session_state.get("_lang_shown", lang()) != lang():
    # The options of many widgets are labelled in the language; after a switch the browser
    # would keep showing the old label (or none). Setting each value again makes Streamlit
    # send it with the new labels.
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIXES)]:
        st.session_state[key] = st.session_state[key]
st.session_state["_lang_shown"] = lang()
show_issues(lang_issues)

data = load()
if not data.ok:
    st.title(t("app.title"))
    st.error(
        t("data.broken", path=md(data.path)),
    )
    for problem in data.problems[:100]:
        st.error(md(problem))
    if len(data.problems) > 100:
        st.error(t("data.more", count=len(data.problems) - 100))
    st.info(t("data.fix"))
    st.stop()

with st.sidebar:
    st.caption(t("app.sidebar_about"))
    if data.untranslated:
        st.caption(t("app.data_in_dutch"))
    if data.stale:
        # An edit broke the data: visitors keep the last good version; this says what to fix.
        with st.expander(t("data.stale_title")):
            st.caption(t("data.stale", path=md(data.path)))
            for problem in data.problems[:20]:
                st.caption(md(problem))
            if len(data.problems) > 20:
                st.caption(t("data.more", count=len(data.problems) - 20))

page.run()
freeze_new_modules()
