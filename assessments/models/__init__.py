from assessments.models.people import Organisation, User

__all__ = ["Organisation", "User"]
