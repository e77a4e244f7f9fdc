import pytest

from masthead.accounts import services as accounts
from masthead.discussion.models import Comment, Reaction
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_deleted_accounts_comments_disappear_and_come_back_on_restore(
    client, story, reader, other_reader
):
    mine = factories.comment(story, reader, text="My view on the bridge repairs.")
    factories.comment(story, other_reader, text="Another view.")
    accounts.request_account_deletion(reader)
    story.refresh_from_db()
    assert story.comment_count == 1
    assert "My view on the bridge" not in client.get(story.get_absolute_url()).text
    accounts.restore_account(reader)
    story.refresh_from_db()
    assert story.comment_count == 2
    mine.refresh_from_db()
    assert mine.is_public


@pytest.mark.parametrize("keep", ["keep", "delete"])
def test_a_purge_deletes_or_unsigns_comments(settings, story, reader, other_reader, keep):
    settings.ACCOUNT_PURGE_COMMENTS = keep
    mine = factories.comment(story, reader, text="A thought from a reader who leaves.")
    answered = factories.comment(story, reader, text="A thought somebody answered.")
    factories.comment(story, other_reader, text="An answer.", parent=answered)
    theirs = factories.comment(story, other_reader, text="Something to like.")
    Reaction.objects.create(comment=theirs, user=reader)
    accounts.request_account_deletion(reader)
    accounts.purge_account(reader)
    assert not Reaction.objects.filter(comment=theirs).exists()
    if keep == "keep":
        mine.refresh_from_db()
        assert mine.is_public
        assert mine.author_name == "deleted reader"
    else:
        assert not Comment.objects.filter(pk=mine.pk).exists()
        answered.refresh_from_db()
        assert answered.text == ""
        assert answered.status == Comment.Status.DELETED


def test_the_export_holds_comments_likes_and_reports(story, reader, other_reader):
    from masthead.discussion import lifecycle, services

    mine = factories.comment(story, reader, text="Exported words.")
    services.edit_comment(
        editor=reader,
        comment=mine,
        text="Exported words, edited after a second look at the bridge.",
    )
    theirs = factories.comment(story, other_reader)
    services.react(user=reader, comment=theirs)
    services.report_comment(user=reader, comment=theirs, rule="trolling")
    data = lifecycle.comments_for_export(reader)
    assert data["comments"][0]["earlier_versions"][0]["text"] == "Exported words."
    assert data["likes"][0]["comment"] == theirs.pk
    assert data["reports_filed"][0]["rule"] == "trolling"
