from enum import StrEnum


class InboxItemKind(StrEnum):
    CHANGE_REQUEST_TO_DECIDE = "change_request_to_decide"
    DRAFT_TO_SUBMIT = "draft_to_submit"
    INITIATIVE_DUE = "initiative_due"
    PROPOSAL_TO_APPROVE = "proposal_to_approve"
    REVIEW_TO_CONFIRM = "review_to_confirm"
    REVIEW_TO_WRITE = "review_to_write"
    STALE_KEY_RESULT = "stale_key_result"

    def __str__(self) -> str:
        return str(self.value)
