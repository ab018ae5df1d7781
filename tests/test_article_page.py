"""What a reader sees on an article page, at the URL of PRODUCT.md."""

from site_builder.errors import ContentErrors


def test_article_is_published_at_year_month_slug(column, build):
    column.article("ha-noi-nhan-rong", title="Hà Nội: Nhân rộng mô hình hay",
                   date="2020-06-21T07:32:00+07:00", categories=["mo-hinh-hay"])
    site = build(column)
    page = site.html("/2020/06/ha-noi-nhan-rong/")
    assert page.select_one("h1.col-title").get_text() == "Hà Nội: Nhân rộng mô hình hay"
    assert page.title.get_text().startswith("Hà Nội: Nhân rộng mô hình hay")


def test_article_shows_date_lead_image_byline_source_and_sections(column, build):
    image = column.image("sudoan.jpg")
    column.article(
        "su-doan-301", title="Sư đoàn 301 thi đua", date="2020-09-23T09:00:00+07:00",
        categories=["guong-dien-hinh", "tin-hoat-dong"], authors=["Đức Minh", "Thu Hà"],
        source="Quân đội Thủ đô", summary="Lời dẫn của bài.", image=image,
        image_caption="Cán bộ, chiến sĩ Sư đoàn 301.", body="Đoạn thân bài thứ nhất.",
    )
    page = build(column).html("/2020/09/su-doan-301/")
    assert page.select_one(".col-meta time").get_text() == "Thứ Tư, 23/09/2020 09:00"
    assert page.select_one(".col-lead").get_text() == "Lời dẫn của bài."
    figure = page.select_one("figure.col-figure")
    assert figure.img["src"].endswith("media/sudoan-80.jpg")  # the 80-px photo as it is wide, re-encoded
    assert figure.figcaption.get_text() == "Cán bộ, chiến sĩ Sư đoàn 301."
    assert page.select_one(".col-authors").get_text() == "Đức Minh, Thu Hà"
    assert "Quân đội Thủ đô" in page.select_one(".col-source").get_text()
    kicker = [(a.get_text(), a["href"]) for a in page.select(".col-kicker a")]
    assert kicker == [("Gương điển hình", "../../../chuyen-muc/guong-dien-hinh/"),
                      ("Tin hoạt động", "../../../chuyen-muc/tin-hoat-dong/")]
    assert "Đoạn thân bài thứ nhất." in page.select_one(".col-body").get_text()


def test_lead_image_file_is_published(column, build):
    column.article("co-anh", title="Có ảnh", date="2021-01-02", image=column.image("a.jpg"))
    site = build(column)
    page = site.html("/2021/01/co-anh/")
    assert site.exists(site.follow("/2021/01/co-anh/", page.select_one("figure img")["src"]))


def test_summary_defaults_to_first_paragraph_shown_once(column, build):
    column.article("khong-sapo", title="Không có sapo", date="2021-03-04",
                   body="Đoạn **mở đầu** của bài.\n\nĐoạn thứ hai.")
    page = build(column).html("/2021/03/khong-sapo/")
    assert page.select_one(".col-lead").get_text() == "Đoạn mở đầu của bài."
    body = page.select_one(".col-body").get_text()
    assert "Đoạn thứ hai." in body and "mở đầu" not in body


def test_date_alone_means_midnight_in_vietnam(column, build):
    column.article("chi-ngay", title="Chỉ có ngày", date="2021-12-31")
    site = build(column)
    page = site.html("/2021/12/chi-ngay/")
    assert page.select_one(".col-meta time")["datetime"] == "2021-12-31T00:00:00+07:00"
    assert page.select_one(".col-meta time").get_text() == "Thứ Sáu, 31/12/2021 00:00"


def test_month_and_year_are_those_of_vietnam(column, build):
    # 23:30 UTC on 31 May is already 1 June in Vietnam.
    column.article("sang-thang", title="Sang tháng", date="2022-05-31T23:30:00+00:00")
    assert build(column).exists("/2022/06/sang-thang/")


def test_slug_field_overrides_file_name(column, build):
    column.article("ten-tep", title="Tên tệp", date="2023-02-01", slug="duong-dan-rieng")
    site = build(column)
    assert site.exists("/2023/02/duong-dan-rieng/") and not site.exists("/2023/02/ten-tep/")


def test_nfd_text_is_published_as_nfc(column, build):
    import unicodedata

    title = "Gương điển hình ở Đắk Lắk"
    column.article("nfd", title=unicodedata.normalize("NFD", title), date="2023-03-01")
    page = build(column).html("/2023/03/nfd/")
    assert page.select_one("h1.col-title").get_text() == unicodedata.normalize("NFC", title)


def test_a_broken_article_fails_the_build_naming_file_and_line(column, build):
    column.article("tot", title="Bài tốt", date="2023-03-01")
    column.write("articles/2023/hong.md", "---\ntitle: \"Bài hỏng\"\ndate: 2023-13-45\ncategories: [tin-hoat-dong]\n---\nThân bài.\n")
    try:
        build(column)
    except ContentErrors as failure:
        messages = [str(error) for error in failure.errors]
    else:
        raise AssertionError("the build should have failed")
    assert len(messages) == 1
    assert "articles/2023/hong.md:3: `date` `2023-13-45` không phải là ngày giờ hợp lệ." in messages[0]
    assert "2020-06-21" in messages[0]  # the fix shows the expected form


def test_image_alone_in_a_paragraph_becomes_a_figure_with_its_caption(column, build):
    image = column.image("than-bai.jpg")
    column.article("anh-trong-bai", title="Ảnh trong bài", date="2021-05-06",
                   body=f'Đoạn đầu.\n\n![Lễ tuyên dương]({image} "Quang cảnh buổi lễ tuyên dương.")\n\n'
                        f'Đoạn có ảnh ![nhỏ]({image}) giữa dòng.')
    site = build(column)
    body = site.html("/2021/05/anh-trong-bai/").select_one(".col-body")
    figure = body.select_one("figure")
    assert figure.figcaption.get_text() == "Quang cảnh buổi lễ tuyên dương."
    assert figure.img["alt"] == "Lễ tuyên dương"
    assert site.exists(site.follow("/2021/05/anh-trong-bai/", figure.img["src"]))
    assert len(body.select("figure")) == 1  # an image inside a sentence stays inline


def test_a_body_is_published_whole_where_it_looks_like_page_metadata(column, build):
    # MkDocs reads a page's leading `Word: text` lines (MultiMarkdown) or leading `---` block as
    # the page's metadata and drops them from the page; an article's fields are its front matter.
    column.article("co-video", title="Có video", date="2022-05-06", summary="Lời dẫn.",
                   body="Video: phóng sự của đài tỉnh\nNguồn: VTV\n\nĐoạn thứ hai.")
    column.article("co-gach-ngang", title="Có gạch ngang", date="2022-05-07", summary="Lời dẫn.",
                   body="---\ntom_tat: một dòng\n---\n\nĐoạn cuối.")
    site = build(column)
    body = site.html("/2022/05/co-video/").select_one(".col-body").get_text()
    assert "Video: phóng sự của đài tỉnh" in body and "Nguồn: VTV" in body and "Đoạn thứ hai." in body
    body = site.html("/2022/05/co-gach-ngang/").select_one(".col-body").get_text()
    assert "tom_tat: một dòng" in body and "Đoạn cuối." in body
