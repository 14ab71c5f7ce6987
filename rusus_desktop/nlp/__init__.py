"""The Vietnamese NLP pipeline: entities, dates and article body. Qt-free.

underthesea is imported lazily inside functions: importing this package must stay cheap,
because the window imports it on its start-up path.
"""
