<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
    <context>
        <name>Actions</name>
        <message>
            <source>&amp;New Project from Folder…</source>
            <translation>Dự án &amp;mới từ thư mục…</translation>
        </message>
        <message>
            <source>Create a project file holding every document in a folder</source>
            <translation>Tạo tệp dự án chứa mọi tài liệu trong một thư mục</translation>
        </message>
        <message>
            <source>&amp;Open Project…</source>
            <translation>&amp;Mở dự án…</translation>
        </message>
        <message>
            <source>Open another project file</source>
            <translation>Mở một tệp dự án khác</translation>
        </message>
        <message>
            <source>&amp;Add Documents…</source>
            <translation>&amp;Thêm tài liệu…</translation>
        </message>
        <message>
            <source>Add text files or folders to this project</source>
            <translation>Thêm tệp văn bản hoặc thư mục vào dự án này</translation>
        </message>
        <message>
            <source>Save a &amp;Copy As…</source>
            <translation>Lưu một &amp;bản sao thành…</translation>
        </message>
        <message>
            <source>Write a copy of this project to another file</source>
            <translation>Ghi một bản sao của dự án này ra tệp khác</translation>
        </message>
        <message>
            <source>&amp;Export Annotations…</source>
            <translation>&amp;Xuất chú thích…</translation>
        </message>
        <message>
            <source>Save annotations as JSON, W3C Web Annotation, Label Studio, doccano, brat, CSV or CoNLL</source>
            <translation>Lưu chú thích dạng JSON, W3C Web Annotation, Label Studio, doccano, brat, CSV hoặc CoNLL</translation>
        </message>
        <message>
            <source>&amp;Import Annotations…</source>
            <translation>&amp;Nhập chú thích…</translation>
        </message>
        <message>
            <source>Read annotations from a Rusus JSON or W3C Web Annotation file (all or nothing)</source>
            <translation>Đọc chú thích từ tệp Rusus JSON hoặc W3C Web Annotation (nhập tất cả hoặc không gì cả)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>T&amp;hoát</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation>Chọn &amp;tất cả</translation>
        </message>
        <message>
            <source>&amp;Find in Document…</source>
            <translation>&amp;Tìm trong tài liệu…</translation>
        </message>
        <message>
            <source>Find &amp;Next</source>
            <translation>Tìm &amp;tiếp</translation>
        </message>
        <message>
            <source>Find Pre&amp;vious</source>
            <translation>Tìm &amp;trước</translation>
        </message>
        <message>
            <source>Zoom &amp;In</source>
            <translation>&amp;Phóng to</translation>
        </message>
        <message>
            <source>Zoom &amp;Out</source>
            <translation>&amp;Thu nhỏ</translation>
        </message>
        <message>
            <source>&amp;Actual Size</source>
            <translation>&amp;Cỡ gốc</translation>
        </message>
        <message>
            <source>Show or hide {type} highlights</source>
            <translation>Hiện hoặc ẩn đánh dấu loại {type}</translation>
        </message>
        <message>
            <source>&amp;Dim Page Furniture</source>
            <translation>&amp;Làm mờ phần ngoài bài</translation>
        </message>
        <message>
            <source>&amp;Hide Page Furniture</source>
            <translation>Ẩ&amp;n phần ngoài bài</translation>
        </message>
        <message>
            <source>Show Page Furniture &amp;Plainly</source>
            <translation>Hiện phần ngoài bài &amp;bình thường</translation>
        </message>
        <message>
            <source>Fold Page Furniture</source>
            <translation>Gập phần ngoài bài</translation>
        </message>
        <message>
            <source>Fold away the text around the article (related news, menus)</source>
            <translation>Gập phần chữ quanh bài báo (tin liên quan, trình đơn)</translation>
        </message>
        <message>
            <source>Follow &amp;System</source>
            <translation>Theo &amp;hệ thống</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>&amp;Sáng</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>&amp;Tối</translation>
        </message>
        <message>
            <source>&amp;Previous Document</source>
            <translation>Tài liệu t&amp;rước</translation>
        </message>
        <message>
            <source>&amp;Next Document</source>
            <translation>Tài liệu &amp;sau</translation>
        </message>
        <message>
            <source>Go to Corpus &amp;List</source>
            <translation>Đến &amp;danh sách kho văn bản</translation>
        </message>
        <message>
            <source>Next &amp;Highlight</source>
            <translation>Đánh dấu &amp;tiếp theo</translation>
        </message>
        <message>
            <source>Previous Hi&amp;ghlight</source>
            <translation>Đánh dấu t&amp;rước đó</translation>
        </message>
        <message>
            <source>&amp;Analyse Corpus</source>
            <translation>&amp;Phân tích kho văn bản</translation>
        </message>
        <message>
            <source>Find entities and dates in every document not analysed yet</source>
            <translation>Tìm thực thể và ngày tháng trong mọi tài liệu chưa được phân tích</translation>
        </message>
        <message>
            <source>&amp;Stop Analysis</source>
            <translation>&amp;Dừng phân tích</translation>
        </message>
        <message>
            <source>Stop analysing; finished documents are kept</source>
            <translation>Dừng phân tích; các tài liệu đã xong vẫn được giữ</translation>
        </message>
        <message>
            <source>&amp;About Rusus Desktop</source>
            <translation>&amp;Giới thiệu Rusus Desktop</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Giới thiệu &amp;Qt</translation>
        </message>
    </context>
    <context>
        <name>AnalysisStatus</name>
        <message>
            <source>Analysing document {current} of {total}…</source>
            <translation>Đang phân tích tài liệu {current}/{total}…</translation>
        </message>
        <message>
            <source>{percent}% done</source>
            <translation>Đã xong {percent}%</translation>
        </message>
    </context>
    <context>
        <name>AnnotationPanel</name>
        <message>
            <source>Tag</source>
            <translation>Nhãn</translation>
        </message>
        <message>
            <source>Quote</source>
            <translation>Trích đoạn</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>Người gắn</translation>
        </message>
        <message>
            <source>Modified</source>
            <translation>Sửa lúc</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Tài liệu</translation>
        </message>
        <message>
            <source>Needs review: the document's text changed and this passage was not found again. Select the right text and choose “Place at Selection”, or delete it.</source>
            <translation>Cần xem lại: văn bản của tài liệu đã thay đổi và không tìm lại được đoạn này. Hãy chọn đúng đoạn văn rồi chọn “Đặt vào vùng chọn”, hoặc xoá chú thích.</translation>
        </message>
        <message>
            <source>Created {created}, modified {modified} (UTC)</source>
            <translation>Tạo lúc {created}, sửa lúc {modified} (UTC)</translation>
        </message>
        <message>
            <source>All tags</source>
            <translation>Mọi nhãn</translation>
        </message>
        <message>
            <source>{n} annotation(s)</source>
            <translation>{n} chú thích</translation>
        </message>
        <message>
            <source>{n} need review</source>
            <translation>{n} cần xem lại</translation>
        </message>
        <message>
            <source>This document</source>
            <translation>Tài liệu này</translation>
        </message>
        <message>
            <source>Whole corpus</source>
            <translation>Cả kho văn bản</translation>
        </message>
        <message>
            <source>Go to the passage (Enter)</source>
            <translation>Đến đoạn văn (Enter)</translation>
        </message>
        <message>
            <source>Change tag…</source>
            <translation>Đổi nhãn…</translation>
        </message>
        <message>
            <source>Place at Selection: anchor this annotation to the text selected in the reader</source>
            <translation>Đặt vào vùng chọn: gắn chú thích này vào đoạn đang chọn trong trình đọc</translation>
        </message>
        <message>
            <source>Delete (Del)</source>
            <translation>Xoá (Del)</translation>
        </message>
        <message>
            <source>A note on the selected annotation…</source>
            <translation>Ghi chú cho chú thích đang chọn…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Save the note (Ctrl+Enter)</source>
            <translation>Lưu ghi chú (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Annotations</source>
            <translation>Chú thích</translation>
        </message>
    </context>
    <context>
        <name>Annotations</name>
        <message>
            <source>Tag: {tag}</source>
            <translation>Nhãn: {tag}</translation>
        </message>
        <message>
            <source> ({author})</source>
            <translation> ({author})</translation>
        </message>
        <message>
            <source>Several annotations here — choose one:</source>
            <translation>Có nhiều chú thích ở đây — hãy chọn một:</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Gắn nhãn</translation>
        </message>
        <message>
            <source>Tag the selection as “{tag}” (click the arrow for other tags)</source>
            <translation>Gắn nhãn “{tag}” cho vùng chọn (bấm mũi tên để chọn nhãn khác)</translation>
        </message>
        <message>
            <source>&amp;Tag Selection As</source>
            <translation>&amp;Gắn nhãn vùng chọn</translation>
        </message>
        <message>
            <source>&amp;Tag Selection As (select text first)</source>
            <translation>&amp;Gắn nhãn vùng chọn (hãy chọn văn bản trước)</translation>
        </message>
        <message>
            <source>Annotations record who made them: set your name to start tagging (Edit ▸ Preferences).</source>
            <translation>Chú thích ghi lại người tạo: hãy đặt tên của bạn để bắt đầu gắn nhãn (Sửa ▸ Tuỳ chọn).</translation>
        </message>
        <message>
            <source>Select some text first, then choose a tag.</source>
            <translation>Hãy chọn một đoạn văn bản trước, rồi chọn nhãn.</translation>
        </message>
        <message>
            <source>Tagged “{quote}” as {tag}.</source>
            <translation>Đã gắn nhãn {tag} cho “{quote}”.</translation>
        </message>
        <message>
            <source>This annotation lost its place when the text changed: select the right passage and choose “Place at Selection”.</source>
            <translation>Chú thích này mất vị trí khi văn bản thay đổi: hãy chọn đúng đoạn văn rồi chọn “Đặt vào vùng chọn”.</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>Select the passage in the reader first.</source>
            <translation>Hãy chọn đoạn văn trong trình đọc trước.</translation>
        </message>
        <message>
            <source>New tag</source>
            <translation>Nhãn mới</translation>
        </message>
        <message>
            <source>Colour of “{tag}”</source>
            <translation>Màu của “{tag}”</translation>
        </message>
        <message>
            <source>Import tag set</source>
            <translation>Nhập bộ nhãn</translation>
        </message>
        <message>
            <source>Tag sets (*.json);;All files (*)</source>
            <translation>Bộ nhãn (*.json);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>This tag set cannot be imported</source>
            <translation>Không thể nhập bộ nhãn này</translation>
        </message>
        <message>
            <source>Imported {n} tags from {file}.</source>
            <translation>Đã nhập {n} nhãn từ {file}.</translation>
        </message>
        <message>
            <source>Export tag set</source>
            <translation>Xuất bộ nhãn</translation>
        </message>
        <message>
            <source>Tag sets (*.json)</source>
            <translation>Bộ nhãn (*.json)</translation>
        </message>
        <message>
            <source>The tag set could not be written</source>
            <translation>Không ghi được bộ nhãn</translation>
        </message>
        <message>
            <source>Exported the tag set to {path}.</source>
            <translation>Đã xuất bộ nhãn ra {path}.</translation>
        </message>
        <message>
            <source>Every “{text}” is already accepted.</source>
            <translation>Mọi “{text}” đều đã được chấp nhận.</translation>
        </message>
        <message>
            <source>Edit Note…</source>
            <translation>Sửa ghi chú…</translation>
        </message>
        <message>
            <source>Change Tag</source>
            <translation>Đổi nhãn</translation>
        </message>
        <message>
            <source>Delete Annotation</source>
            <translation>Xoá chú thích</translation>
        </message>
        <message>
            <source>Detected {kind}: “{text}”</source>
            <translation>Phát hiện {kind}: “{text}”</translation>
        </message>
        <message>
            <source>Accept as {kind}</source>
            <translation>Chấp nhận là {kind}</translation>
        </message>
        <message>
            <source>Accept All “{text}” in the Corpus</source>
            <translation>Chấp nhận mọi “{text}” trong kho văn bản</translation>
        </message>
        <message>
            <source>Correct Label</source>
            <translation>Sửa loại</translation>
        </message>
        <message>
            <source>Correct Span to Selection</source>
            <translation>Sửa phạm vi theo vùng chọn</translation>
        </message>
        <message>
            <source>Reject (Hide in This Project)</source>
            <translation>Bác bỏ (ẩn trong dự án này)</translation>
        </message>
        <message>
            <source>{n} annotation(s) could not be placed in the changed text and need review (see the Annotations panel).</source>
            <translation>{n} chú thích không đặt được vào văn bản đã thay đổi và cần xem lại (xem bảng Chú thích).</translation>
        </message>
        <message>
            <source>&amp;Delete Annotation</source>
            <translation>&amp;Xoá chú thích</translation>
        </message>
        <message>
            <source>Edit &amp;Note…</source>
            <translation>Sửa &amp;ghi chú…</translation>
        </message>
        <message>
            <source>&amp;New Tag</source>
            <translation>Nhãn &amp;mới</translation>
        </message>
        <message>
            <source>&amp;Import Tag Set…</source>
            <translation>&amp;Nhập bộ nhãn…</translation>
        </message>
        <message>
            <source>&amp;Export Tag Set…</source>
            <translation>&amp;Xuất bộ nhãn…</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>&amp;Tuỳ chọn…</translation>
        </message>
        <message>
            <source>&amp;All Annotations in the Corpus</source>
            <translation>&amp;Mọi chú thích trong kho văn bản</translation>
        </message>
        <message>
            <source>&amp;Annotate</source>
            <translation>&amp;Chú thích</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Nhãn</translation>
        </message>
        <message>
            <source>Annotations</source>
            <translation>Chú thích</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>The project could not be opened.</source>
            <translation>Không mở được dự án.</translation>
        </message>
    </context>
    <context>
        <name>Background</name>
        <message>
            <source>Cancel</source>
            <translation>Huỷ</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Đang huỷ…</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <source>Could not redo “{action}”: {reason}</source>
            <translation>Không làm lại được “{action}”: {reason}</translation>
        </message>
        <message>
            <source>Could not undo “{action}”: {reason}</source>
            <translation>Không hoàn tác được “{action}”: {reason}</translation>
        </message>
        <message>
            <source>Tag “{tag}”</source>
            <translation>Gắn nhãn “{tag}”</translation>
        </message>
        <message>
            <source>Delete annotation</source>
            <translation>Xoá chú thích</translation>
        </message>
        <message>
            <source>Delete {n} annotations</source>
            <translation>Xoá {n} chú thích</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>Sửa ghi chú</translation>
        </message>
        <message>
            <source>Retag as “{tag}”</source>
            <translation>Đổi nhãn thành “{tag}”</translation>
        </message>
        <message>
            <source>Move annotation</source>
            <translation>Dời chú thích</translation>
        </message>
        <message>
            <source>New tag “{tag}”</source>
            <translation>Nhãn mới “{tag}”</translation>
        </message>
        <message>
            <source>Rename tag “{old}” to “{new}”</source>
            <translation>Đổi tên nhãn “{old}” thành “{new}”</translation>
        </message>
        <message>
            <source>Recolour tag “{tag}”</source>
            <translation>Đổi màu nhãn “{tag}”</translation>
        </message>
        <message>
            <source>Change hotkey of “{tag}”</source>
            <translation>Đổi phím tắt của “{tag}”</translation>
        </message>
        <message>
            <source>Edit tag “{tag}”</source>
            <translation>Sửa nhãn “{tag}”</translation>
        </message>
        <message>
            <source>Reorder tags</source>
            <translation>Sắp xếp lại nhãn</translation>
        </message>
        <message>
            <source>Delete tag “{tag}”</source>
            <translation>Xoá nhãn “{tag}”</translation>
        </message>
        <message>
            <source>Delete tag “{tag}” (annotations moved to “{target}”)</source>
            <translation>Xoá nhãn “{tag}” (chú thích chuyển sang “{target}”)</translation>
        </message>
        <message>
            <source>Import tag set</source>
            <translation>Nhập bộ nhãn</translation>
        </message>
        <message>
            <source>Accept “{text}” as {label}</source>
            <translation>Chấp nhận “{text}” là {label}</translation>
        </message>
        <message>
            <source>Reject “{text}”</source>
            <translation>Bác bỏ “{text}”</translation>
        </message>
        <message>
            <source>Correct “{text}”</source>
            <translation>Sửa “{text}”</translation>
        </message>
        <message>
            <source>Accept all “{text}” as {label} ({n})</source>
            <translation>Chấp nhận mọi “{text}” là {label} ({n})</translation>
        </message>
    </context>
    <context>
        <name>CorpusLoading</name>
        <message>
            <source>Reading {name} ({n} of {total})…</source>
            <translation>Đang đọc {name} ({n}/{total})…</translation>
        </message>
        <message>
            <source>Adding Documents</source>
            <translation>Thêm tài liệu</translation>
        </message>
        <message>
            <source>Looking for documents…</source>
            <translation>Đang tìm tài liệu…</translation>
        </message>
        <message>
            <source>Cancelled; no documents were added.</source>
            <translation>Đã huỷ; không thêm tài liệu nào.</translation>
        </message>
        <message>
            <source>Could not read the documents</source>
            <translation>Không đọc được tài liệu</translation>
        </message>
        <message>
            <source>Reading the documents failed ({error}); nothing was added.</source>
            <translation>Đọc tài liệu thất bại ({error}); không có gì được thêm.</translation>
        </message>
        <message>
            <source>Some Files Were Not Added</source>
            <translation>Một số tệp không được thêm</translation>
        </message>
        <message>
            <source>the same text as another file read with it</source>
            <translation>trùng văn bản với một tệp khác được đọc cùng lúc</translation>
        </message>
        <message>
            <source>{n} document(s) added</source>
            <translation>Đã thêm {n} tài liệu</translation>
        </message>
        <message>
            <source>{n} already in the project</source>
            <translation>{n} đã có trong dự án</translation>
        </message>
        <message>
            <source>{n} file(s) not added:</source>
            <translation>{n} tệp không được thêm:</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
    </context>
    <context>
        <name>CorpusPanel</name>
        <message>
            <source>Any tag</source>
            <translation>Mọi nhãn</translation>
        </message>
        <message>
            <source>%n document(s)</source>
            <translation>%n tài liệu</translation>
        </message>
        <message>
            <source>{shown} of {total} documents</source>
            <translation>{shown}/{total} tài liệu</translation>
        </message>
        <message>
            <source>Search all text (diacritics optional)</source>
            <translation>Tìm trong toàn văn (có dấu hay không đều được)</translation>
        </message>
        <message>
            <source>Full-text search: “thuy si” finds “Thụy Sĩ”</source>
            <translation>Tìm toàn văn: “thuy si” tìm được “Thụy Sĩ”</translation>
        </message>
        <message>
            <source>Mentions entity…</source>
            <translation>Có nhắc đến…</translation>
        </message>
        <message>
            <source>Only documents that mention this person, organisation or place</source>
            <translation>Chỉ các tài liệu nhắc đến người, tổ chức hoặc địa danh này</translation>
        </message>
        <message>
            <source>Only documents with annotations of this tag</source>
            <translation>Chỉ các tài liệu có chú thích mang nhãn này</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Tài liệu</translation>
        </message>
    </context>
    <context>
        <name>DocumentListModel</name>
        <message>
            <source>Title</source>
            <translation>Tiêu đề</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>Ngày đăng</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Nguồn</translation>
        </message>
        <message>
            <source>Entities</source>
            <translation>Thực thể</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Chú thích</translation>
        </message>
        <message>
            <source>Publication date from the dateline</source>
            <translation>Ngày đăng lấy từ dòng ngày tháng của bài</translation>
        </message>
        <message>
            <source>Entities: detected mentions</source>
            <translation>Thực thể: số lần nhắc đến được phát hiện</translation>
        </message>
        <message>
            <source>Notes: your annotations</source>
            <translation>Chú thích: chú thích của bạn</translation>
        </message>
        <message>
            <source>Source: {source}</source>
            <translation>Nguồn: {source}</translation>
        </message>
        <message>
            <source>Published: {date}</source>
            <translation>Ngày đăng: {date}</translation>
        </message>
        <message>
            <source>Not analysed yet</source>
            <translation>Chưa phân tích</translation>
        </message>
    </context>
    <context>
        <name>DocumentView</name>
        <message>
            <source>Choose a document in the corpus list to read it.</source>
            <translation>Chọn một tài liệu trong danh sách kho văn bản để đọc.</translation>
        </message>
        <message>
            <source>Document text</source>
            <translation>Văn bản tài liệu</translation>
        </message>
    </context>
    <context>
        <name>EntitiesPanel</name>
        <message>
            <source>People</source>
            <translation>Người</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Tổ chức</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Địa danh</translation>
        </message>
        <message>
            <source>Other names</source>
            <translation>Tên khác</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>Ngày tháng</translation>
        </message>
        <message>
            <source>{text}: {value}</source>
            <translation>{text}: {value}</translation>
        </message>
        <message>
            <source>no exact value</source>
            <translation>không có giá trị cụ thể</translation>
        </message>
        <message>
            <source>{docs} doc. · {mentions}</source>
            <translation>{docs} tài liệu · {mentions}</translation>
        </message>
        <message>
            <source>Mentioned {mentions} times in {docs} documents</source>
            <translation>Được nhắc {mentions} lần trong {docs} tài liệu</translation>
        </message>
        <message>
            <source>Names</source>
            <translation>Tên riêng</translation>
        </message>
        <message>
            <source>Corpus</source>
            <translation>Kho văn bản</translation>
        </message>
        <message>
            <source>People, organisations, places and other names in this document</source>
            <translation>Người, tổ chức, địa danh và các tên khác trong tài liệu này</translation>
        </message>
        <message>
            <source>Dates in this document, in time order</source>
            <translation>Ngày tháng trong tài liệu này, theo thứ tự thời gian</translation>
        </message>
        <message>
            <source>Which documents mention each name</source>
            <translation>Những tài liệu nào nhắc đến từng tên</translation>
        </message>
        <message>
            <source>Filter names</source>
            <translation>Lọc tên</translation>
        </message>
        <message>
            <source>Filter dates</source>
            <translation>Lọc ngày tháng</translation>
        </message>
        <message>
            <source>Filter names in the corpus</source>
            <translation>Lọc tên trong kho văn bản</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>Số lần</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Thời gian</translation>
        </message>
        <message>
            <source>As written</source>
            <translation>Nguyên văn</translation>
        </message>
        <message>
            <source>Mentions</source>
            <translation>Số lần nhắc</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export Annotations</source>
            <translation>Xuất chú thích</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Định dạng:</translation>
        </message>
        <message>
            <source>Save to:</source>
            <translation>Lưu vào:</translation>
        </message>
        <message>
            <source>Scope</source>
            <translation>Phạm vi</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>Tuỳ chọn</translation>
        </message>
        <message>
            <source>Whole project</source>
            <translation>Toàn bộ dự án</translation>
        </message>
        <message>
            <source>Current document</source>
            <translation>Tài liệu hiện tại</translation>
        </message>
        <message>
            <source>Selected tags:</source>
            <translation>Các nhãn đã chọn:</translation>
        </message>
        <message>
            <source>Include document text (lets an import bring the documents along)</source>
            <translation>Kèm văn bản tài liệu (để khi nhập mang theo được tài liệu)</translation>
        </message>
        <message>
            <source>Include detected entities and dates</source>
            <translation>Kèm thực thể và ngày tháng được phát hiện</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Duyệt…</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Xuất</translation>
        </message>
        <message>
            <source>Offsets: {unit}.</source>
            <translation>Vị trí: {unit}.</translation>
        </message>
        <message>
            <source>Export brat Files to Folder</source>
            <translation>Xuất tệp brat vào thư mục</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Choose where to save the export.</source>
            <translation>Hãy chọn nơi lưu tệp xuất.</translation>
        </message>
        <message>
            <source>Tick at least one tag, or choose another scope.</source>
            <translation>Hãy đánh dấu ít nhất một nhãn, hoặc chọn phạm vi khác.</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Đang bắt đầu…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Đang huỷ…</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Xong.</translation>
        </message>
        <message>
            <source>Export failed.</source>
            <translation>Xuất thất bại.</translation>
        </message>
        <message>
            <source>Export cancelled; nothing was written.</source>
            <translation>Đã huỷ xuất; không có gì được ghi.</translation>
        </message>
        <message>
            <source>Import Annotations</source>
            <translation>Nhập chú thích</translation>
        </message>
        <message>
            <source>Annotations (*.json *.jsonld);;All files (*)</source>
            <translation>Chú thích (*.json *.jsonld);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Import Refused</source>
            <translation>Từ chối nhập</translation>
        </message>
        <message>
            <source>Import Finished</source>
            <translation>Đã nhập xong</translation>
        </message>
        <message>
            <source>Import cancelled; the project was not changed.</source>
            <translation>Đã huỷ nhập; dự án không thay đổi.</translation>
        </message>
        <message>
            <source>Reading {name}…</source>
            <translation>Đang đọc {name}…</translation>
        </message>
        <message>
            <source>{path} could not be imported ({error}); the project was not changed.</source>
            <translation>Không nhập được {path} ({error}); dự án không thay đổi.</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>No matches</source>
            <translation>Không tìm thấy</translation>
        </message>
        <message>
            <source>{current} of {total}</source>
            <translation>{current}/{total}</translation>
        </message>
        <message>
            <source>Find in document</source>
            <translation>Tìm trong tài liệu</translation>
        </message>
        <message>
            <source>Match case and diacritics</source>
            <translation>Phân biệt hoa thường và dấu</translation>
        </message>
        <message>
            <source>When off, “hoa binh” also finds “hòa bình” and “Hoà Bình”</source>
            <translation>Khi tắt, “hoa binh” tìm được cả “hòa bình” lẫn “Hoà Bình”</translation>
        </message>
        <message>
            <source>Close the find bar (Esc)</source>
            <translation>Đóng thanh tìm kiếm (Esc)</translation>
        </message>
    </context>
    <context>
        <name>HighlightTypes</name>
        <message>
            <source>Person</source>
            <translation>Người</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Tổ chức</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Địa danh</translation>
        </message>
        <message>
            <source>Other name</source>
            <translation>Tên khác</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Ngày tháng</translation>
        </message>
    </context>
    <context>
        <name>Highlighter</name>
        <message>
            <source>{kind}: {text}</source>
            <translation>{kind}: {text}</translation>
        </message>
        <message>
            <source>no exact value</source>
            <translation>không có giá trị cụ thể</translation>
        </message>
        <message>
            <source>{kind}: {value}</source>
            <translation>{kind}: {value}</translation>
        </message>
        <message>
            <source>Page furniture (outside the article)</source>
            <translation>Phần ngoài bài (không thuộc bài báo)</translation>
        </message>
    </context>
    <context>
        <name>LegendBar</name>
        <message>
            <source>Highlight types</source>
            <translation>Các loại đánh dấu</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Zoom {zoom}%</source>
            <translation>Thu phóng {zoom}%</translation>
        </message>
        <message>
            <source>Entity detection is unavailable: {error}</source>
            <translation>Không dùng được chức năng nhận diện thực thể: {error}</translation>
        </message>
        <message>
            <source>{title} — Rusus Desktop</source>
            <translation>{title} — Rusus Desktop</translation>
        </message>
        <message>
            <source>Finding entities and dates…</source>
            <translation>Đang tìm thực thể và ngày tháng…</translation>
        </message>
        <message>
            <source>Every document is analysed.</source>
            <translation>Mọi tài liệu đều đã được phân tích.</translation>
        </message>
        <message>
            <source>Could not analyse “{title}”: {error}</source>
            <translation>Không phân tích được “{title}”: {error}</translation>
        </message>
        <message>
            <source>Analysis stopped; finished documents are kept and the rest resumes next time.</source>
            <translation>Đã dừng phân tích; các tài liệu đã xong được giữ lại, phần còn lại sẽ tiếp tục lần sau.</translation>
        </message>
        <message>
            <source>Folder of documents</source>
            <translation>Thư mục tài liệu</translation>
        </message>
        <message>
            <source>New project file</source>
            <translation>Tệp dự án mới</translation>
        </message>
        <message>
            <source>Rusus projects (*.rusus)</source>
            <translation>Dự án Rusus (*.rusus)</translation>
        </message>
        <message>
            <source>Could not create the project</source>
            <translation>Không tạo được dự án</translation>
        </message>
        <message>
            <source>Open project</source>
            <translation>Mở dự án</translation>
        </message>
        <message>
            <source>Rusus projects (*.rusus);;All files (*)</source>
            <translation>Dự án Rusus (*.rusus);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Could not open the project</source>
            <translation>Không mở được dự án</translation>
        </message>
        <message>
            <source>Add documents</source>
            <translation>Thêm tài liệu</translation>
        </message>
        <message>
            <source>Text documents (*.txt *.md);;All files (*)</source>
            <translation>Tài liệu văn bản (*.txt *.md);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>{added} added, {present} already in the project, {skipped} skipped.</source>
            <translation>Đã thêm {added}, {present} đã có trong dự án, bỏ qua {skipped}.</translation>
        </message>
        <message>
            <source>Some files were skipped</source>
            <translation>Một số tệp bị bỏ qua</translation>
        </message>
        <message>
            <source>These files were not added:</source>
            <translation>Các tệp sau không được thêm:</translation>
        </message>
        <message>
            <source>Save a copy of the project</source>
            <translation>Lưu một bản sao của dự án</translation>
        </message>
        <message>
            <source>Could not save the copy</source>
            <translation>Không lưu được bản sao</translation>
        </message>
        <message>
            <source>Saved a copy to {path}</source>
            <translation>Đã lưu bản sao vào {path}</translation>
        </message>
        <message>
            <source>(in memory)</source>
            <translation>(trong bộ nhớ)</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Rusus Desktop {version}&lt;/h3&gt;&lt;p&gt;A reader and annotator for Vietnamese news corpora.&lt;/p&gt;&lt;p&gt;Project file:&lt;br&gt;&lt;code&gt;{path}&lt;/code&gt;&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Rusus Desktop {version}&lt;/h3&gt;&lt;p&gt;Trình đọc và chú thích kho tin tức tiếng Việt.&lt;/p&gt;&lt;p&gt;Tệp dự án:&lt;br&gt;&lt;code&gt;{path}&lt;/code&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <source>About Rusus Desktop</source>
            <translation>Giới thiệu Rusus Desktop</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Sửa</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>&amp;Document</source>
            <translation>&amp;Tài liệu</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
        <message>
            <source>&amp;Highlights</source>
            <translation>Đánh &amp;dấu</translation>
        </message>
        <message>
            <source>Page &amp;Furniture</source>
            <translation>&amp;Phần ngoài bài</translation>
        </message>
        <message>
            <source>&amp;Panels</source>
            <translation>&amp;Bảng</translation>
        </message>
        <message>
            <source>&amp;Theme</source>
            <translation>&amp;Giao diện</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>Corpus</source>
            <translation>Kho văn bản</translation>
        </message>
        <message>
            <source>Entities and Dates</source>
            <translation>Thực thể và ngày tháng</translation>
        </message>
        <message>
            <source>Toolbar</source>
            <translation>Thanh công cụ</translation>
        </message>
        <message>
            <source>Rusus Desktop</source>
            <translation>Rusus Desktop</translation>
        </message>
    </context>
    <context>
        <name>Preferences</name>
        <message>
            <source>Your Name</source>
            <translation>Tên của bạn</translation>
        </message>
        <message>
            <source>Your name is stored with every annotation you make, so a team can see who tagged what. You can change it later in Preferences.</source>
            <translation>Tên của bạn được lưu cùng mọi chú thích bạn tạo, để cả nhóm biết ai đã gắn nhãn gì. Bạn có thể đổi tên sau trong Tuỳ chọn.</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>Tuỳ chọn</translation>
        </message>
        <message>
            <source>Analyst &amp;name:</source>
            <translation>&amp;Tên người phân tích:</translation>
        </message>
        <message>
            <source>&amp;Snap selections to whole words (hold Alt to select exactly)</source>
            <translation>&amp;Bám vùng chọn theo trọn từ (giữ Alt để chọn chính xác)</translation>
        </message>
    </context>
    <context>
        <name>ProjectLabel</name>
        <message>
            <source>(in memory)</source>
            <translation>(trong bộ nhớ)</translation>
        </message>
        <message>
            <source>Project file: {path}</source>
            <translation>Tệp dự án: {path}</translation>
        </message>
    </context>
    <context>
        <name>TagPanel</name>
        <message>
            <source>Delete Tag</source>
            <translation>Xoá nhãn</translation>
        </message>
        <message>
            <source>The tag “{tag}” is used by {n} annotation(s). What should happen to them?</source>
            <translation>Nhãn “{tag}” đang được dùng cho {n} chú thích. Bạn muốn xử lý chúng thế nào?</translation>
        </message>
        <message>
            <source>&amp;Delete the annotations with the tag</source>
            <translation>&amp;Xoá các chú thích mang nhãn này</translation>
        </message>
        <message>
            <source>&amp;Move the annotations to:</source>
            <translation>&amp;Chuyển các chú thích sang:</translation>
        </message>
        <message>
            <source>You can undo this with Edit ▸ Undo.</source>
            <translation>Bạn có thể hoàn tác bằng Sửa ▸ Hoàn tác.</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Nhãn</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Phím</translation>
        </message>
        <message>
            <source>Uses</source>
            <translation>Số lần dùng</translation>
        </message>
        <message>
            <source>Hotkey: {key}</source>
            <translation>Phím tắt: {key}</translation>
        </message>
        <message>
            <source>Tag the selected text (double-click a tag, or press its hotkey)</source>
            <translation>Gắn nhãn cho đoạn đang chọn (bấm đúp vào nhãn, hoặc nhấn phím tắt của nhãn)</translation>
        </message>
        <message>
            <source>New tag</source>
            <translation>Nhãn mới</translation>
        </message>
        <message>
            <source>Rename tag (F2)</source>
            <translation>Đổi tên nhãn (F2)</translation>
        </message>
        <message>
            <source>Change colour…</source>
            <translation>Đổi màu…</translation>
        </message>
        <message>
            <source>Move up (Ctrl+Up)</source>
            <translation>Lên trên (Ctrl+Up)</translation>
        </message>
        <message>
            <source>Move down (Ctrl+Down)</source>
            <translation>Xuống dưới (Ctrl+Down)</translation>
        </message>
        <message>
            <source>Delete tag…</source>
            <translation>Xoá nhãn…</translation>
        </message>
        <message>
            <source>Share the tag set</source>
            <translation>Chia sẻ bộ nhãn</translation>
        </message>
        <message>
            <source>&amp;Import Tag Set…</source>
            <translation>&amp;Nhập bộ nhãn…</translation>
        </message>
        <message>
            <source>&amp;Export Tag Set…</source>
            <translation>&amp;Xuất bộ nhãn…</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Nhãn</translation>
        </message>
    </context>
</TS>
