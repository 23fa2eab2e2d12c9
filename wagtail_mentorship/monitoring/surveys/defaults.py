"""The methodology's two monitoring stages as editable default surveys (migration 0014).

Stage 1, the quality of the process: «мониторинг личной удовлетворенности участием в
программе» of the mentor and of the mentee. Stage 2, the growth of the participants: the same
scale questions at the start and at the end, so that the two can be compared.
This module imports nothing: the data migration reads it.
"""

SCALE, TEXT = "scale", "text"

SATISFACTION_MENTEE = [
    (SCALE, "Насколько комфортно было работать с наставником?"),
    (SCALE, "Насколько полезными были встречи с наставником?"),
    (SCALE, "Насколько понятными были цели и задачи работы в паре?"),
    (SCALE, "Оцените качество организации программы наставничества"),
    (SCALE, "Насколько вы хотели бы продолжить участие в программе?"),
    (TEXT, "Что бы вы предложили изменить в программе наставничества?"),
]
SATISFACTION_MENTOR = [
    (SCALE, "Насколько комфортно было работать с наставляемым?"),
    (SCALE, "Насколько полезными были встречи для наставляемого?"),
    (SCALE, "Насколько достаточной была поддержка куратора?"),
    (SCALE, "Оцените качество организации программы наставничества"),
    (SCALE, "Насколько вы хотели бы снова стать наставником?"),
    (TEXT, "Что бы вы предложили изменить в программе наставничества?"),
]
GROWTH_MENTEE = [
    (SCALE, "Уверенность в себе"),
    (SCALE, "Учебная мотивация"),
    (SCALE, "Навыки общения"),
    (SCALE, "Понимание своих целей"),
    (SCALE, "Умение работать в команде"),
]
GROWTH_MENTOR = [
    (SCALE, "Удовлетворённость профессией"),
    (SCALE, "Навыки наставничества"),
    (SCALE, "Уверенность в своих профессиональных силах"),
    (SCALE, "Желание развиваться в профессии"),
]
INTRO_GROWTH = (
    "Оцените себя сейчас по шкале от 1 до 10. Те же вопросы будут заданы в начале и в конце "
    "программы, чтобы увидеть, что изменилось."
)
INTRO_SATISFACTION = (
    "Анкета удовлетворённости участием в программе наставничества. Ответы помогут сделать "
    "программу лучше."
)

# (title, stage, audience, description, questions)
SURVEYS = [
    ("Удовлетворённость наставляемого программой наставничества", "satisfaction", "mentees",
     INTRO_SATISFACTION, SATISFACTION_MENTEE),
    ("Удовлетворённость наставника программой наставничества", "satisfaction", "mentors",
     INTRO_SATISFACTION, SATISFACTION_MENTOR),
    ("Оценка наставляемого в начале программы", "growth_start", "mentees",
     INTRO_GROWTH, GROWTH_MENTEE),
    ("Оценка наставляемого в конце программы", "growth_end", "mentees",
     INTRO_GROWTH, GROWTH_MENTEE),
    ("Оценка наставника в начале программы", "growth_start", "mentors",
     INTRO_GROWTH, GROWTH_MENTOR),
    ("Оценка наставника в конце программы", "growth_end", "mentors",
     INTRO_GROWTH, GROWTH_MENTOR),
]  # fmt: skip
