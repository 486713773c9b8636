"""Te reo Māori words are marked lang="mi" so that screen readers pronounce them properly."""

from assessments.te_reo import mark_te_reo


def test_words_and_phrases_are_marked_longest_first():
    marked = mark_te_reo("Talk with kaumātua at the marae hui, in te reo Māori.")
    assert marked == (
        'Talk with <span lang="mi">kaumātua</span> at the <span lang="mi">marae</span> '
        '<span lang="mi">hui</span>, in <span lang="mi">te reo Māori</span>.'
    )


def test_only_whole_words_are_marked_and_the_rest_is_escaped():
    assert mark_te_reo("Whui <b>manage</b>") == "Whui &lt;b&gt;manage&lt;/b&gt;"
    assert mark_te_reo("Waitaha Canterbury") == '<span lang="mi">Waitaha</span> Canterbury'
