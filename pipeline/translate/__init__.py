"""The translate stage: machine drafts into the catalogs, in batches, never over people's work.

Work is planned first from the catalogs alone (:mod:`.plan`; no model is loaded, and ctranslate2
is not even imported, when there is nothing to do), then streamed through an executor window by
window (:mod:`.execute`): each window holds whole paragraphs of ~``window_sentences`` sentences,
every leg of every route is one batched call per window, and finished drafts are applied to the
catalogs (:mod:`.apply`), which are saved atomically when a document is done and every few
seconds, so an interruption loses little.
"""

from pipeline.translate.apply import Outcome
from pipeline.translate.execute import Executor, LocalExecutor
from pipeline.translate.plan import Job, Plan, Target, plan_translation
from pipeline.translate.run import languages_with_models, run_plan, translate_documents

__all__ = [
    "Executor",
    "Job",
    "LocalExecutor",
    "Outcome",
    "Plan",
    "Target",
    "languages_with_models",
    "plan_translation",
    "run_plan",
    "translate_documents",
]
