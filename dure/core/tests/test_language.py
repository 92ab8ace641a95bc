from django.urls import reverse


def test_korean_is_shown_even_to_an_english_browser(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "로그인" in response.content.decode()
    assert response["Content-Language"] == "ko"


def test_the_language_switch_chooses_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    response = client.get(reverse("login"))
    assert "Log in" in response.content.decode()
    assert response["Content-Language"] == "en"


def test_the_menu_marks_only_the_current_screens_entry(client, metro_admin):
    client.force_login(metro_admin)
    response = client.get(reverse("core:user_list"))
    active = [entry["label"] for entry in response.context["navigation"] if entry["active"]]
    assert [str(label) for label in active] == ["사용자"]
