from django.core.management import call_command

from dure.core.models import Center, CenterKind


def test_seoul_has_a_metropolitan_center_and_25_district_centers(db):
    metropolitan = Center.objects.get(code="SEOUL")
    assert metropolitan.kind == CenterKind.METROPOLITAN
    districts = Center.objects.filter(parent=metropolitan)
    assert districts.count() == 25
    assert districts.get(district="강동구").administrative_code == "11740"
    assert districts.get(district="종로구").administrative_code == "11110"


def test_list_centers_prints_code_tab_name(db, capsys):
    call_command("list_centers")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "SEOUL\t서울특별시 사회적경제지원센터"
    assert "SEOUL-GANGDONG\t강동구 사회적경제지원센터" in lines
    assert len(lines) == 26
