"""The questionnaire templates the platform ships (one of each kind): every office sees them
and builds its own questionnaires from them. Created by a data migration and kept by
`ensure_shipped_templates` (idempotent: a template is matched by its title)."""

SCALE_GOOD = ("很差", "很好")
SCALE_SATISFIED = ("很不满意", "很满意")

# (title, kind, intro, questions); a question is
# (text, kind, required, options or scale labels, condition: (question number, option text) or None)
SHIPPED = [
    (
        "领导班子民主测评",
        "democratic",
        "为全面了解被巡察党组织领导班子情况，巡察组开展民主测评。测评不记名，请根据平时了解客观评价。",
        [
            ("您的身份", "single", True, ["领导班子成员", "中层干部", "一般干部职工", "服务对象或群众"], None),
            ("贯彻落实党中央决策部署和上级工作要求情况", "scale", True, SCALE_GOOD, None),
            ("落实全面从严治党主体责任情况", "scale", True, SCALE_GOOD, None),
            ("作风建设和落实中央八项规定精神情况", "scale", True, SCALE_GOOD, None),
            ("选人用人和干部队伍建设情况", "scale", True, SCALE_GOOD, None),
            ("对领导班子的总体评价", "single", True, ["好", "较好", "一般", "差"], None),
            ("您是否了解领导班子或其成员存在的突出问题？", "single", True, ["是", "否"], None),
            ("请简要说明您了解的问题（无需署名）", "text", True, [], (7, "是")),
            ("对领导班子的意见和建议", "text", False, [], None),
        ],
    ),
    (
        "巡察工作满意度调查",
        "satisfaction",
        "为改进巡察工作，请您对本轮巡察工作作出评价。调查不记名。",
        [
            ("您对巡察组工作作风的满意程度", "scale", True, SCALE_SATISFIED, None),
            ("您对巡察公告和举报渠道的知晓程度", "single", True, ["清楚", "基本了解", "不了解"], None),
            (
                "您通过哪些方式向巡察组反映过情况？", "multiple", False,
                ["来信", "来电", "来访", "码上巡", "未反映过"], None,
            ),
            ("您对本轮巡察工作总体是否满意？", "single", True, ["满意", "基本满意", "不满意"], None),
            ("请说明不满意的原因", "text", True, [], (4, "不满意")),
            ("对巡察工作的意见和建议", "text", False, [], None),
        ],
    ),
    (
        "巡察整改情况反向测评",
        "reverse",
        "巡察反馈后，请您对被巡察党组织的整改情况作出评价。测评结果作为整改效果评价的参考，不记名。",
        [
            ("对整改工作总体成效的评价", "scale", True, SCALE_GOOD, None),
            ("巡察反馈问题整改到位情况", "scale", True, SCALE_GOOD, None),
            ("群众反映强烈问题的解决情况", "scale", True, SCALE_GOOD, None),
            ("建章立制、健全长效机制情况", "scale", True, SCALE_GOOD, None),
            ("您是否发现整改后问题反弹回潮？", "single", True, ["是", "否"], None),
            ("请说明反弹回潮的具体情况", "text", True, [], (5, "是")),
            ("对进一步整改的意见和建议", "text", False, [], None),
        ],
    ),
]


def ensure_shipped_templates(questionnaire_model=None, question_model=None, option_model=None) -> int:
    """Create the shipped templates that are missing; returns how many were created. The
    models are passed by the data migration (historical models), else imported."""
    if questionnaire_model is None:
        from xuncha.surveys.models import Option, Question, Questionnaire

        questionnaire_model, question_model, option_model = Questionnaire, Question, Option
    created = 0
    for title, kind, intro, questions in SHIPPED:
        if questionnaire_model.objects.filter(title=title, is_template=True, owner__isnull=True).exists():
            continue
        template = questionnaire_model.objects.create(title=title, kind=kind, intro=intro, is_template=True)
        made = []
        for number, (text, qkind, required, extra, condition) in enumerate(questions, start=1):
            show_if = None
            if condition is not None:
                on_question, option_text = condition
                show_if = option_model.objects.get(question=made[on_question - 1], text=option_text)
            question = question_model.objects.create(
                questionnaire=template,
                order=number,
                text=text,
                kind=qkind,
                required=required,
                scale_low_label=extra[0] if qkind == "scale" else "",
                scale_high_label=extra[1] if qkind == "scale" else "",
                show_if=show_if,
            )
            if qkind in ("single", "multiple"):
                for index, option_text in enumerate(extra, start=1):
                    option_model.objects.create(question=question, order=index, text=option_text)
            made.append(question)
        created += 1
    return created
